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

    private RulebaseCompiler() {}

    /** The outcome: a rulebase, or the diagnostics that stopped it. */
    public record Result(CompiledRulebase rulebase, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Compiles the given files; {@code where} names the rulebase in diagnostics about missing files. */
    public static Result compile(List<RuleSource> sources, String where) {
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
        KieBase kieBase = drls.isEmpty() ? null : build(drls, problems);
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            return new Result(null, problems);
        }
        return new Result(new CompiledRulebase(kieBase, table.table(), settings.settings(), rules(kieBase), sources,
                digest(sources)), List.of());
    }

    private static KieBase build(List<RuleSource> drls, List<Diagnostic> problems) {
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
        boolean failed = false;
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            failed = true;
            String path = m.getPath();
            String file = path == null ? "<rulebase>" : labels.getOrDefault(path, path.replace(RESOURCES, ""));
            problems.add(Diagnostic.rule(COMPILE_ERROR, file, Math.max(0, m.getLine()), Math.max(0, m.getColumn()),
                    oneLine(m.getText())));
        }
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

    /** Drools files {@code @description} under the key of its own Description annotation, not under "description". */
    private static Object description(Map<String, Object> meta) {
        Object d = meta.get("description");
        return d != null ? d : meta.get("org.kie.api.definition.type.Description");
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
