package dev.gatehouse.internal.rulebase;

import dev.gatehouse.facts.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The fact model as compile diagnostics need it, read by reflection from {@code dev.gatehouse.facts}: its
 * type names, and each type's fields (record components) and methods. Engine code, not rule code: rules
 * never see it.
 */
public final class FactModel {
    /** The package of the facts rules match. */
    public static final String PACKAGE = Release.class.getPackageName();

    private static volatile SortedSet<String> types;

    private FactModel() {}

    /** The public top-level types of the fact package, by simple name. */
    public static SortedSet<String> types() {
        SortedSet<String> t = types;
        if (t == null) {
            t = java.util.Collections.unmodifiableSortedSet(scan());
            types = t;
        }
        return t;
    }

    /** The fact type of a simple or fully qualified name, if it is one. */
    public static Optional<Class<?>> type(String name) {
        String simple = name.startsWith(PACKAGE + ".") ? name.substring(PACKAGE.length() + 1) : name;
        if (simple.contains(".") || !types().contains(simple)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(PACKAGE + "." + simple, false, Release.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** A type's fields as a rule reads them: a record's components, else its bean properties. */
    public static SortedSet<String> fields(Class<?> type) {
        SortedSet<String> out = new TreeSet<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                out.add(c.getName());
            }
            return out;
        }
        for (Method m : type.getMethods()) {
            String n = m.getName();
            if (m.getParameterCount() == 0
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class
                    && n.length() > 3
                    && n.startsWith("get")) {
                out.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
            }
        }
        return out;
    }

    /** A type's public instance methods, other than Object's and a record's generated ones. */
    public static SortedSet<String> methods(Class<?> type) {
        SortedSet<String> out = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class
                    && !List.of("equals", "hashCode", "toString").contains(m.getName())) {
                out.add(m.getName());
            }
        }
        return out;
    }

    private static SortedSet<String> scan() {
        SortedSet<String> out = new TreeSet<>();
        URL self = Release.class.getResource(Release.class.getSimpleName() + ".class");
        String prefix = PACKAGE.replace('.', '/') + "/";
        try {
            if (self != null && self.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(self.toURI()).getParent())) {
                    files.map(p -> p.getFileName().toString()).forEach(n -> add(n, out));
                }
            } else if (self != null && self.getProtocol().equals("jar")) {
                JarURLConnection c = (JarURLConnection) self.openConnection();
                c.setUseCaches(false);
                try (JarFile jar = c.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String n = entries.nextElement().getName();
                        if (n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0) {
                            add(n.substring(prefix.length()), out);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        out.removeIf(n -> {
            try {
                Class<?> c = Class.forName(PACKAGE + "." + n, false, Release.class.getClassLoader());
                return !Modifier.isPublic(c.getModifiers()) || c.isAnnotation();
            } catch (ClassNotFoundException e) {
                return true;
            }
        });
        return out;
    }

    private static void add(String fileName, SortedSet<String> out) {
        if (fileName.endsWith(".class") && !fileName.contains("$") && !fileName.startsWith("package-info")) {
            out.add(fileName.substring(0, fileName.length() - ".class".length()));
        }
    }
}
