package dev.gatehouse.rulebase;

import dev.gatehouse.model.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/** Compiles rule sources into a {@link CompiledRulebase}, or reports why it cannot. */
public final class RulebaseCompiler {
    /** Error codes of this stage. */
    public static final String COMPILE_ERROR = "rule-compile-error";
    public static final String MISSING_FILE = "missing-rulebase-file";

    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();
    /** How Drools names a rule in a message: {@code rule "X"}, {@code Rule "X"} or {@code Rule name='X'}. */
    private static final java.util.regex.Pattern RULE_NAME =
            java.util.regex.Pattern.compile("(?i)rule(?: name=)?\\s*[\"']([^\"']+)[\"']");
    private static final java.util.regex.Pattern MVEL_LINE_COLUMN =
            java.util.regex.Pattern.compile("\\[Line: (\\d+), Column: (\\d+)\\]");
    private static final java.util.regex.Pattern LINE_COLUMN = java.util.regex.Pattern.compile("Line (\\d+):(\\d+)");

    private RulebaseCompiler() {}

    /** The outcome: a rulebase, or the diagnostics that stopped it. */
    public record Result(CompiledRulebase rulebase, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Compiles the given files; {@code where} names the rulebase in diagnostics about missing files. */
    public static Result compile(List<RuleSource> sources, String where) {
        return assemble(sources, where, null);
    }

    /**
     * The rulebase of {@code sources} with the knowledge base the build precompiled from the same DRL
     * (Drools' executable model, module {@code gatehouse-default-rulebase}), or null when no precompiled
     * knowledge base is on the class path of {@code loader} or it was compiled from other DRL (a rule
     * edited, added or removed since the build). The tables are read from {@code sources}, and the digest is theirs.
     */
    public static Result precompiled(List<RuleSource> sources, String where, ClassLoader loader) {
        if (!sameDrl(sources, loader)) {
            return null; // the model was built from other DRL than the rulebase bundled now: compile instead
        }
        List<Model> models = new ArrayList<>();
        try (java.io.InputStream in = loader.getResourceAsStream(PRECOMPILED_MODEL)) {
            if (in == null) {
                return null;
            }
            // The index lists the generated model classes, after a version header.
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("Drools-Model-Version")) {
                    models.add((Model) Class.forName(name, true, loader).getConstructor().newInstance());
                }
            }
        } catch (java.io.IOException | ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the precompiled default rulebase is unusable: " + e, e);
        }
        if (models.isEmpty()) {
            return null;
        }
        // Straight from the model classes: a KieContainer would parse kmodule.xml (XStream) for nothing.
        return assemble(sources, where, KieBaseBuilder.createKieBaseFromModel(models));
    }

    /** Where the precompiled module keeps the DRL it was compiled from (as {@code NAME.drl.src}). */
    static final String PRECOMPILED_DRL = "gatehouse/precompiled-rules/";
    /** The list of those files (their rulebase paths, one a line): a rule file deleted since is noticed too. */
    static final String PRECOMPILED_INDEX = PRECOMPILED_DRL + "INDEX";

    /**
     * True when the precompiled module was compiled from exactly the DRL files of {@code sources}:
     * the same paths (no file added or removed since) with the same bytes.
     */
    static boolean sameDrl(List<RuleSource> sources, ClassLoader loader) {
        List<RuleSource> drls = sources.stream().filter(RuleSource::isDrl).toList();
        try (java.io.InputStream index = loader.getResourceAsStream(PRECOMPILED_INDEX)) {
            if (index == null) {
                return false;
            }
            java.util.Set<String> compiled = new java.util.TreeSet<>();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    compiled.add(line.strip());
                }
            }
            if (!compiled.equals(new java.util.TreeSet<>(drls.stream().map(RuleSource::path).toList()))) {
                return false;
            }
        } catch (java.io.IOException e) {
            return false;
        }
        for (RuleSource drl : drls) {
            try (java.io.InputStream in = loader.getResourceAsStream(PRECOMPILED_DRL + drl.path() + ".src")) {
                if (in == null || !java.util.Arrays.equals(in.readAllBytes(), drl.content())) {
                    return false;
                }
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return !drls.isEmpty();
    }

    /** The executable model's index file, present only when the precompiled default rulebase is on the class path. */
    static final String PRECOMPILED_MODEL = "META-INF/kie/dev.gatehouse/gatehouse-default-rulebase/drools-model";

    private static Result assemble(List<RuleSource> sources, String where, KieBase precompiled) {
        List<Diagnostic> problems = new ArrayList<>();
        RuleSource enforcementFile = find(sources, RuleSources.ENFORCEMENT);
        RuleSource settingsFile = find(sources, RuleSources.SETTINGS);
        List<RuleSource> drls = sources.stream().filter(RuleSource::isDrl).toList();
        if (enforcementFile == null) {
            problems.add(Diagnostic.rule(MISSING_FILE, where + "/" + RuleSources.ENFORCEMENT, 0, 0,
                    "the rulebase has no enforcement table"));
        }
        if (settingsFile == null) {
            problems.add(Diagnostic.rule(MISSING_FILE, where + "/" + RuleSources.SETTINGS, 0, 0,
                    "the rulebase has no settings table"));
        }
        if (drls.isEmpty()) {
            problems.add(Diagnostic.rule(MISSING_FILE, where, 0, 0, "the rulebase has no .drl rule file"));
        }
        EnforcementTable.Parsed table = enforcementFile == null ? null
                : EnforcementTable.parse(enforcementFile.text(), enforcementFile.label());
        SettingsTable.Parsed settings = settingsFile == null ? null
                : SettingsTable.parse(settingsFile.text(), settingsFile.label());
        if (table != null) {
            problems.addAll(table.diagnostics());
        }
        if (settings != null) {
            problems.addAll(settings.diagnostics());
        }
        KieBase kieBase = drls.isEmpty() ? null : precompiled != null ? precompiled : build(drls, problems);
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            return new Result(null, problems);
        }
        return new Result(new CompiledRulebase(kieBase, table.table(), settings.settings(), rules(kieBase), sources,
                digest(sources), precompiled != null), List.of());
    }

    /** Compiles DRL at run time (classic engine); adds a diagnostic per error to {@code problems}, null then. */
    static KieBase build(List<RuleSource> drls, List<Diagnostic> problems) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("dev.gatehouse.rulebase", "rulebase-" + BUILDS.incrementAndGet(), "1.0.0");
        kfs.generateAndWritePomXML(id);
        Map<String, String> labels = new HashMap<>();
        for (RuleSource drl : drls) {
            kfs.write(RESOURCES + drl.path(), drl.content());
            labels.put(RESOURCES + drl.path(), drl.label());
            labels.put(drl.path(), drl.label());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        boolean located = errors.stream().anyMatch(m -> m.getLine() > 0);
        for (Message m : errors) {
            String text = oneLine(m.getText());
            if (located && m.getLine() <= 0 && text.startsWith("Parser returned a null Package")) {
                continue; // a consequence of a located syntax error, reported there
            }
            String path = m.getPath();
            String file = path == null ? "<rulebase>" : labels.getOrDefault(path, path.replace(RESOURCES, ""));
            int line = Math.max(0, m.getLine());
            int column = Math.max(0, m.getColumn());
            java.util.regex.Matcher at = LINE_COLUMN.matcher(text);
            java.util.regex.Matcher mvel = MVEL_LINE_COLUMN.matcher(text);
            if (column == 0 && at.find() && Integer.parseInt(at.group(1)) == line) {
                column = Integer.parseInt(at.group(2)) + 1; // the parser counts characters from 0
            } else if (column == 0 && mvel.find() && Integer.parseInt(mvel.group(1)) == line) {
                column = Integer.parseInt(mvel.group(2));
            }
            if (line > 0 && column == 0) {
                column = columnOnLine(drls, file, line, text);
            }
            if (line == 0) {
                // Drools gave no position: point at the rule the message names, where it is declared.
                RuleSource declaring = null;
                int declared = 0;
                java.util.regex.Matcher named = RULE_NAME.matcher(text);
                if (named.find()) {
                    for (RuleSource drl : drls) {
                        int at2 = lineOfRule(drl.text(), named.group(1));
                        if (at2 > 0 && (declaring == null || drl.label().equals(file))) {
                            declaring = drl;
                            declared = at2;
                        }
                    }
                }
                if (declaring != null) {
                    file = declaring.label();
                    line = declared;
                    column = 1;
                }
            }
            problems.add(Diagnostic.rule(COMPILE_ERROR, file, line, column, text));
        }
        boolean failed = !errors.isEmpty();
        if (failed) {
            ks.getRepository().removeKieModule(id);
            return null;
        }
        KieContainer container = ks.newKieContainer(id);
        try {
            return container.getKieBase();
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']+)'");

    /**
     * A column for a message Drools gave a line but no column: where the first name the message quotes
     * (e.g. {@code Unable to resolve ObjectType 'X'}) is on that line, else the line's first non-blank character.
     */
    static int columnOnLine(List<RuleSource> drls, String file, int line, String message) {
        RuleSource drl = drls.stream().filter(d -> d.label().equals(file)).findFirst().orElse(null);
        String[] lines = drl == null ? new String[0] : drl.text().split("\\R", -1);
        if (line > lines.length) {
            return 1;
        }
        String text = lines[line - 1];
        java.util.regex.Matcher quoted = QUOTED.matcher(message);
        while (quoted.find()) {
            int at = text.indexOf(quoted.group(1));
            if (at >= 0) {
                return at + 1;
            }
        }
        return text.length() - text.stripLeading().length() + 1;
    }

    /** The 1-based line where {@code rule "name"} is declared in a DRL text, or 0. */
    static int lineOfRule(String drl, String name) {
        String[] lines = drl.split("\\R", -1);
        String declaration = "rule \"" + name + "\"";
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(declaration)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static Map<String, RuleInfo> rules(KieBase kieBase) {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                Map<String, Object> meta = r.getMetaData();
                out.put(r.getName(), new RuleInfo(r.getName(), p.getName(), text(meta.get("control")),
                        text(meta.get("family")), text(description(meta))));
            }
        }
        return out;
    }

    /** Drools files {@code @description} under the name of its own Description annotation type. */
    private static Object description(Map<String, Object> meta) {
        Object d = meta.get("description");
        return d != null ? d : meta.get(org.kie.api.definition.type.Description.class.getName());
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static RuleSource find(List<RuleSource> sources, String path) {
        return sources.stream().filter(s -> s.path().equals(path)).findFirst().orElse(null);
    }

    /** sha256 over each file's path and bytes, in path order. */
    static String digest(List<RuleSource> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            sources.stream().sorted(java.util.Comparator.comparing(RuleSource::path)).forEach(s -> {
                md.update(s.path().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                byte[] c = s.content();
                md.update(Long.toString(c.length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(c);
            });
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "error" : text.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
