package dev.gatehouse.internal.rulebase;

import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build step that chooses what module {@code gatehouse-default-rulebase} precompiles: the DRL of
 * {@code rules/} when it compiles, nothing when it does not. A broken {@code rules/} must not stop the
 * build of the command: the engine then finds no precompiled model for those rules, compiles them at
 * run time and reports the errors as diagnostics ({@code file:line:col: code: message}, exit 2).
 *
 * <p>It compiles with the engine's own compiler for a rules folder (Drools' executable model, every
 * generated class checked against the safe subset), so rules the engine would refuse are never
 * bundled precompiled. On success it copies each
 * DRL file to the plugin's input folder and, as {@code NAME.drl.src} with an {@code INDEX}, to the folder
 * the engine's staleness guard reads ({@link RulebaseCompiler#PRECOMPILED_DRL}). It always clears both
 * first, so no copy of an earlier build survives, and it always exits 0.
 */
public final class Precompile {
    /** The plugin's input folder holds the DRL under this package folder (see kmodule.xml). */
    static final String PACKAGE_FOLDER = "gatehouse/rules";

    private Precompile() {}

    /** {@code Precompile RULES_DIR PLUGIN_RESOURCES_DIR CLASSES_DIR}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Precompile RULES_DIR PLUGIN_RESOURCES_DIR CLASSES_DIR");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out);
    }

    /** Stages {@code rules}' DRL for precompiling when it compiles; returns whether it did. */
    public static boolean run(Path rules, Path pluginResources, Path classes, PrintStream log) throws IOException {
        Path pluginDrl = pluginResources.resolve(PACKAGE_FOLDER);
        Path guardDrl = classes.resolve(RulebaseCompiler.PRECOMPILED_DRL);
        deleteTree(pluginDrl);
        deleteTree(guardDrl);
        List<RuleSource> drls = RuleSources.fromDirectory(rules).stream()
                .filter(RuleSource::isDrl)
                .toList();
        List<String> problems = problems(drls);
        if (!problems.isEmpty()) {
            log.println("[WARNING] gatehouse: " + rules + " is not precompiled: " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ", the first: " + problems.get(0));
            log.println("[WARNING] gatehouse: the engine compiles these rules at run time and reports every error"
                    + " (./gatehouse check)");
            return false;
        }
        Files.createDirectories(pluginDrl);
        Files.createDirectories(guardDrl);
        StringBuilder index = new StringBuilder();
        for (RuleSource drl : drls) {
            Files.write(pluginDrl.resolve(drl.path()), drl.content());
            Files.write(guardDrl.resolve(drl.path() + ".src"), drl.content());
            index.append(drl.path()).append('\n');
        }
        Files.writeString(classes.resolve(RulebaseCompiler.PRECOMPILED_INDEX), index, StandardCharsets.UTF_8);
        log.println("[INFO] gatehouse: precompiling " + drls.size() + " rule files of " + rules);
        return true;
    }

    /** Why {@code drls} cannot be precompiled, one line each; empty when they can. */
    static List<String> problems(List<RuleSource> drls) {
        List<String> out = new ArrayList<>();
        if (drls.isEmpty()) {
            out.add("no .drl rule file");
        }
        for (RuleSource drl : drls) {
            if (drl.path().contains("/")) {
                // kmodule.xml's knowledge base holds package folder gatehouse/rules, not its sub-folders.
                out.add(drl.path() + ": a rule file in a sub-folder is compiled at run time only");
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        // The compiler the engine uses for any folder: the executable model, every generated class held to the
        // safe subset. A rulebase the engine would refuse is never precompiled, so never bundled.
        List<Diagnostic> errors = new ArrayList<>();
        RulebaseCompiler.build(drls, errors);
        errors.stream().map(Diagnostic::format).forEach(out::add);
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
