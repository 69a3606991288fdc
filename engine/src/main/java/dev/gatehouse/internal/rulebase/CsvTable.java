package dev.gatehouse.internal.rulebase;

import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV table reader that keeps each cell's line and column, so that a bad cell is reported
 * where security engineers edit it. Blank lines and lines starting with {@code #} are skipped;
 * a cell may be double-quoted to hold commas ({@code ""} inside quotes is a quote).
 */
final class CsvTable {
    /** One cell: its text and 1-based position. */
    record Cell(String text, int line, int column) {}

    /** One row of cells. */
    record Row(int line, List<Cell> cells) {
        String get(int i) {
            return i < cells.size() ? cells.get(i).text() : "";
        }

        int columnOf(int i) {
            return i < cells.size() ? cells.get(i).column() : 1;
        }
    }

    private CsvTable() {}

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            rows.add(new Row(n + 1, cells(line, n + 1)));
        }
        return rows;
    }

    private static List<Cell> cells(String line, int lineNo) {
        List<Cell> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int start = i;
            StringBuilder sb = new StringBuilder();
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (i < line.length()) {
                    char c = line.charAt(i);
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        sb.append(c);
                        i++;
                    }
                }
                while (i < line.length() && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    sb.append(line.charAt(i));
                    i++;
                }
            }
            out.add(new Cell(sb.toString().strip(), lineNo, start + 1));
            if (i >= line.length()) {
                return out;
            }
            i++;
        }
    }
}
