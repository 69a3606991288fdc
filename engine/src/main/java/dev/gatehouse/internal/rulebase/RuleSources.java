package dev.gatehouse.internal.rulebase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the files of a rulebase: {@code *.drl}, {@code enforcement.csv} and {@code settings.csv}. */
public final class RuleSources {
    public static final String ENFORCEMENT = "enforcement.csv";
    public static final String SETTINGS = "settings.csv";
    /** Where the default rulebase lives on the classpath. */
    public static final String BUNDLED = "gatehouse/rules";

    private RuleSources() {}

    /** The rulebase files of a folder (recursively), sorted by path. */
    public static List<RuleSource> fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir);
        }
        return collect(dir, dir.toString());
    }

    /** The default rulebase bundled on the classpath. */
    public static List<RuleSource> bundled() {
        // Anchored on a file of this rulebase: the precompiled rulebase's jar has a gatehouse/rules folder too
        // (its classes), and the first classpath entry holding a folder of that name could be that one.
        URL url = RuleSources.class.getClassLoader().getResource(BUNDLED + "/" + ENFORCEMENT);
        if (url == null) {
            throw new IllegalStateException("the default rulebase is missing from the classpath (" + BUNDLED + ")");
        }
        try {
            URI file = url.toURI();
            URI uri = URI.create(file.toString().substring(0, file.toString().length() - ENFORCEMENT.length() - 1));
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return collect(fs.getPath(BUNDLED), "<default>/rules");
            }
            return collect(Path.of(uri), "<default>/rules");
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read the default rulebase: " + e.getMessage(), e));
        }
    }

    /**
     * Whether the two tables among {@code sources} are the bundled default's, byte for byte (read from the class path:
     * two resources, not the whole bundled folder).
     */
    public static boolean tablesAreBundled(List<RuleSource> sources) {
        for (String table : List.of(ENFORCEMENT, SETTINGS)) {
            RuleSource given = sources.stream()
                    .filter(s -> s.path().equals(table))
                    .findFirst()
                    .orElse(null);
            try (java.io.InputStream in =
                    RuleSources.class.getClassLoader().getResourceAsStream(BUNDLED + "/" + table)) {
                if (given == null || in == null || !java.util.Arrays.equals(in.readAllBytes(), given.content())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static List<RuleSource> collect(Path dir, String labelPrefix) throws IOException {
        List<RuleSource> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> paths = files.filter(Files::isRegularFile)
                    .filter(p -> isRulebaseFile(dir.relativize(p).toString()))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
            for (Path p : paths) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.add(new RuleSource(rel, labelPrefix + "/" + rel, Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static boolean isRulebaseFile(String rel) {
        String name = rel.replace('\\', '/');
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.startsWith(".")) {
            return false;
        }
        return base.endsWith(".drl") || name.equals(ENFORCEMENT) || name.equals(SETTINGS);
    }
}
