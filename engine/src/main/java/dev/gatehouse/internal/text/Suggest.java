package dev.gatehouse.internal.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** "Did you mean": the known names closest to a misspelt one, for diagnostics. */
public final class Suggest {
    private Suggest() {}

    /**
     * The known names nearest to {@code wrong} (sorted, ties all kept), or an empty list when none is close:
     * at most a third of the longer name's characters differ (at least one), case and {@code _}/{@code -}
     * differences counting as nearly nothing.
     */
    public static List<String> nearest(String wrong, Collection<String> known) {
        int best = Integer.MAX_VALUE;
        TreeSet<String> out = new TreeSet<>();
        for (String k : new TreeSet<>(known)) {
            if (k.equals(wrong)) {
                continue;
            }
            int d = distance(fold(wrong), fold(k)) * 2
                    + (k.equalsIgnoreCase(wrong) || fold(k).equals(fold(wrong)) ? 1 : 0);
            int limit = Math.max(1, Math.max(wrong.length(), k.length()) / 3) * 2;
            if (d > limit + 1) {
                continue;
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) {
                out.add(k);
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code " (did you mean X?)"}, {@code " (did you mean X or Y?)"}, or "" when nothing is close. */
    public static String didYouMean(String wrong, Collection<String> known) {
        List<String> near = nearest(wrong, known);
        return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
