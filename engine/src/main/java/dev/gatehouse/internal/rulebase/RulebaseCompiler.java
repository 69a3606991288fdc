package dev.gatehouse.internal.rulebase;

import static dev.gatehouse.model.DiagnosticCode.FORBIDDEN_CALL;
import static dev.gatehouse.model.DiagnosticCode.MISSING_RULEBASE_FILE;
import static dev.gatehouse.model.DiagnosticCode.RULE_COMPILE_ERROR;
import static dev.gatehouse.model.DiagnosticCode.UNCLOSED_RULE;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FACT_FIELD;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FACT_TYPE;

import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
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
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** Compiles rule sources into a {@link CompiledRulebase}, or reports why it cannot. */
public final class RulebaseCompiler {
    /** Every code of a DRL that does not compile: these stop a rulebase before any lint of its structure. */
    public static final java.util.Set<DiagnosticCode> COMPILE_CODES =
            java.util.Set.of(RULE_COMPILE_ERROR, UNKNOWN_FACT_FIELD, UNKNOWN_FACT_TYPE, UNCLOSED_RULE, FORBIDDEN_CALL);

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
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("Drools-Model-Version")) {
                    models.add(Class.forName(name, true, loader)
                            .asSubclass(Model.class)
                            .getConstructor()
                            .newInstance());
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
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                if (!line.isBlank()) {
                    compiled.add(line.strip());
                }
            }
            if (!compiled.equals(
                    new java.util.TreeSet<>(drls.stream().map(RuleSource::path).toList()))) {
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
            problems.add(Diagnostic.rule(
                    MISSING_RULEBASE_FILE,
                    where + "/" + RuleSources.ENFORCEMENT,
                    0,
                    0,
                    "the rulebase has no enforcement table"));
        }
        if (settingsFile == null) {
            problems.add(Diagnostic.rule(
                    MISSING_RULEBASE_FILE,
                    where + "/" + RuleSources.SETTINGS,
                    0,
                    0,
                    "the rulebase has no settings table"));
        }
        if (drls.isEmpty()) {
            problems.add(Diagnostic.rule(MISSING_RULEBASE_FILE, where, 0, 0, "the rulebase has no .drl rule file"));
        }
        EnforcementTable.Parsed table = enforcementFile == null
                ? null
                : EnforcementTable.parse(enforcementFile.text(), enforcementFile.label());
        SettingsTable.Parsed settings =
                settingsFile == null ? null : SettingsTable.parse(settingsFile.text(), settingsFile.label());
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
        return new Result(
                new CompiledRulebase(
                        kieBase,
                        table.table(),
                        settings.settings(),
                        rules(kieBase),
                        sources,
                        digest(sources),
                        precompiled != null),
                List.of());
    }

    /**
     * Compiles DRL to Drools' executable model (plain Java classes, the form the precompiled default has
     * too), checks every generated class against the {@link SafeSubset}, and returns its knowledge base.
     * When the model does not compile, the classic compiler is asked for the diagnostics: it locates
     * type errors that the executable model reports without a line.
     */
    static KieBase build(List<RuleSource> drls, List<Diagnostic> problems) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId id = ks.newReleaseId("dev.gatehouse.rulebase", "rulebase-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = fileSystem(ks, id, drls);
        List<Diagnostic> reserved = reservedPackages(drls);
        if (!reserved.isEmpty()) {
            problems.addAll(reserved);
            return null;
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(id);
            List<Diagnostic> classic = classicDiagnostics(ks, drls);
            problems.addAll(CompileErrors.translate(classic.isEmpty() ? diagnostics(errors, drls) : classic, drls));
            return null;
        }
        try {
            InternalKieModule module = (InternalKieModule) ks.getRepository().getKieModule(id);
            Map<String, byte[]> classes = new HashMap<>();
            for (String name : module.getFileNames()) {
                // The kmodule's ProjectModel is generated from Gatehouse's own settings, not from DRL (no DRL
                // may declare a package there: reservedPackages).
                if (name.endsWith(".class") && !name.startsWith(GENERATED_PROJECT_MODEL)) {
                    classes.put(name.substring(0, name.length() - ".class".length()), module.getBytes(name));
                }
            }
            List<Diagnostic> forbidden = forbidden(classes, drls);
            if (!forbidden.isEmpty()) {
                problems.addAll(forbidden);
                return null; // never loaded into a knowledge base
            }
            return ks.newKieContainer(id).getKieBase();
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }

    private static KieFileSystem fileSystem(KieServices ks, ReleaseId id, List<RuleSource> drls) {
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        for (RuleSource drl : drls) {
            kfs.write(RESOURCES + drl.path(), drl.content());
        }
        return kfs;
    }

    /** The classic compiler's errors for DRL the executable model rejected (they carry lines and columns). */
    private static List<Diagnostic> classicDiagnostics(KieServices ks, List<RuleSource> drls) {
        ReleaseId id = ks.newReleaseId("dev.gatehouse.rulebase", "rulebase-" + BUILDS.incrementAndGet(), "1.0.0");
        KieBuilder builder = ks.newKieBuilder(fileSystem(ks, id, drls)).buildAll();
        try {
            return diagnostics(builder.getResults().getMessages(Message.Level.ERROR), drls);
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }

    private static List<Diagnostic> diagnostics(List<Message> errors, List<RuleSource> drls) {
        Map<String, String> labels = new HashMap<>();
        for (RuleSource drl : drls) {
            labels.put(RESOURCES + drl.path(), drl.label());
            labels.put(drl.path(), drl.label());
        }
        List<Diagnostic> problems = new ArrayList<>();
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
            problems.add(Diagnostic.rule(RULE_COMPILE_ERROR, file, line, column, text));
        }
        return problems;
    }

    private static final String GENERATED_PROJECT_MODEL = "org/drools/project/model/";
    private static final java.util.regex.Pattern PACKAGE =
            java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final java.util.regex.Pattern RESERVED = java.util.regex.Pattern.compile(
            "(?:java|javax|jdk|sun|com\\.sun|org\\.drools|org\\.kie|org\\.objectweb|dev\\.gatehouse)(?:\\..*)?");

    /** A DRL package inside the JDK's, Drools' or Gatehouse's own would let generated classes pose as theirs. */
    private static List<Diagnostic> reservedPackages(List<RuleSource> drls) {
        List<Diagnostic> out = new ArrayList<>();
        for (RuleSource drl : drls) {
            String code = DrlText.mask(drl.text(), true);
            java.util.regex.Matcher m = PACKAGE.matcher(code);
            if (m.find() && RESERVED.matcher(m.group(1)).matches()) {
                int[] pos = DrlText.position(code, m.start(1));
                out.add(
                        Diagnostic.rule(
                                FORBIDDEN_CALL,
                                drl.label(),
                                pos[0],
                                pos[1],
                                "package " + m.group(1)
                                        + " belongs to the JDK, Drools or Gatehouse: a rulebase declares a package of its own (such as gatehouse.rules)"));
            }
        }
        return out;
    }

    /** A DRL function declaration: {@code function TYPE name(}. */
    private static final java.util.regex.Pattern FUNCTION =
            java.util.regex.Pattern.compile("\\bfunction\\s+[\\w.$<>\\[\\], ]+?\\s+(\\w+)\\s*\\(");

    /**
     * The {@link SafeSubset} findings of compiled classes as diagnostics at the DRL rule or function they
     * come from: at the first occurrence of the called name in its text, else at its declaration.
     */
    public static List<Diagnostic> forbidden(Map<String, byte[]> classes, List<RuleSource> drls) {
        List<SafeSubset.Finding> findings = SafeSubset.scan(classes);
        if (findings.isEmpty()) {
            return List.of();
        }
        Map<String, int[]> functions = new LinkedHashMap<>(); // name -> {drl index, start offset}
        for (int i = 0; i < drls.size(); i++) {
            java.util.regex.Matcher m =
                    FUNCTION.matcher(DrlText.mask(drls.get(i).text(), true));
            while (m.find()) {
                functions.putIfAbsent(m.group(1), new int[] {i, m.start()});
            }
        }
        Map<String, java.util.Set<SafeSubset.Origin>> origins = SafeSubset.origins(classes, functions.keySet());
        java.util.Set<Diagnostic> out = new java.util.LinkedHashSet<>();
        for (SafeSubset.Finding f : findings) {
            java.util.Set<SafeSubset.Origin> from = origins.get(f.className() + "." + f.method());
            if (from == null) {
                from = origins.get(f.className());
            }
            if (from == null && f.className().contains("$")) {
                from = origins.get(f.className().substring(0, f.className().indexOf('$')));
            }
            String what = f.verb() + " " + f.member() + ": a rule may only use the facts, the rulebase's functions and"
                    + " pure JDK methods";
            if (from == null || from.isEmpty()) {
                RuleSource first = drls.get(0);
                out.add(Diagnostic.rule(
                        FORBIDDEN_CALL,
                        first.label(),
                        1,
                        1,
                        "generated class " + f.className().replace('/', '.') + " " + what));
                continue;
            }
            for (SafeSubset.Origin o : from) {
                out.add(
                        o.rule() != null
                                ? atRule(drls, o.rule(), f.token(), "rule \"" + o.rule() + "\" " + what)
                                : atFunction(
                                        drls,
                                        functions.get(o.function()),
                                        f.token(),
                                        "function " + o.function() + " " + what));
            }
        }
        List<Diagnostic> sorted = new ArrayList<>(out);
        sorted.sort(Diagnostic.ORDER);
        return sorted;
    }

    private static Diagnostic atRule(List<RuleSource> drls, String rule, String token, String message) {
        for (RuleSource drl : drls) {
            String code = DrlText.mask(drl.text(), true);
            int line = lineOfRule(drl.text(), rule);
            if (line == 0) {
                continue;
            }
            int start = offsetOfLine(code, line);
            java.util.regex.Matcher end =
                    java.util.regex.Pattern.compile("(?m)^\\s*end\\s*$").matcher(code);
            int stop = end.find(start) ? end.end() : code.length();
            return locate(drl, code, start, stop, token, message);
        }
        return Diagnostic.rule(FORBIDDEN_CALL, drls.get(0).label(), 1, 1, message);
    }

    private static Diagnostic atFunction(List<RuleSource> drls, int[] declared, String token, String message) {
        RuleSource drl = drls.get(declared[0]);
        String code = DrlText.mask(drl.text(), true);
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("(?m)^\\s*(?:function|rule|query|declare)\\b")
                .matcher(code);
        int stop = next.find(declared[1] + 1) ? next.start() : code.length();
        return locate(drl, code, declared[1], stop, token, message);
    }

    /**
     * At the first {@code Class.member} in {@code code[start, stop)} (at the member), else the first whole-word
     * member, else at {@code start}.
     */
    private static Diagnostic locate(RuleSource drl, String code, int start, int stop, String token, String message) {
        int dot = token.lastIndexOf('.');
        String member = token.substring(dot + 1);
        java.util.regex.Matcher qualified = java.util.regex.Pattern.compile("\\b"
                        + java.util.regex.Pattern.quote(token.substring(0, dot + 1))
                                .replace(".", "\\E\\s*\\.\\s*\\Q") + "(" + java.util.regex.Pattern.quote(member)
                        + ")\\b")
                .matcher(code)
                .region(start, stop);
        java.util.regex.Matcher bare = java.util.regex.Pattern.compile(
                        "\\b" + java.util.regex.Pattern.quote(member) + "\\b")
                .matcher(code)
                .region(start, stop);
        int at = dot > 0 && qualified.find()
                ? qualified.start(1)
                : bare.find()
                        ? bare.start()
                        : start
                                + (code.substring(start).length()
                                        - code.substring(start).stripLeading().length());
        int[] pos = DrlText.position(code, at);
        return Diagnostic.rule(FORBIDDEN_CALL, drl.label(), pos[0], pos[1], message);
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset;
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']+)'");

    /**
     * A column for a message Drools gave a line but no column: where the first name the message quotes
     * (e.g. {@code Unable to resolve ObjectType 'X'}) is on that line, else the line's first non-blank character.
     */
    static int columnOnLine(List<RuleSource> drls, String file, int line, String message) {
        RuleSource drl =
                drls.stream().filter(d -> d.label().equals(file)).findFirst().orElse(null);
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
                out.put(
                        r.getName(),
                        new RuleInfo(
                                r.getName(),
                                p.getName(),
                                text(meta.get("control")),
                                text(meta.get("family")),
                                text(description(meta))));
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
            sources.stream()
                    .sorted(java.util.Comparator.comparing(RuleSource::path))
                    .forEach(s -> {
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
