package dev.gatehouse.lint;

import static dev.gatehouse.model.DiagnosticCode.DUPLICATE_RULE_NAME;
import static dev.gatehouse.model.DiagnosticCode.FORBIDDEN_CALL;
import static dev.gatehouse.model.DiagnosticCode.MISSING_CONTROL_METADATA;
import static dev.gatehouse.model.DiagnosticCode.MISSING_DESCRIPTION;
import static dev.gatehouse.model.DiagnosticCode.MISSING_RULEBASE_FILE;
import static dev.gatehouse.model.DiagnosticCode.READS_SYSTEM_CLOCK;
import static dev.gatehouse.model.DiagnosticCode.RULE_COMPILE_ERROR;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_SETTING;

import dev.gatehouse.internal.rulebase.DrlReader;
import dev.gatehouse.internal.rulebase.DrlText;
import dev.gatehouse.internal.rulebase.RuleDecl;
import dev.gatehouse.internal.rulebase.RuleSource;
import dev.gatehouse.internal.rulebase.RuleSources;
import dev.gatehouse.internal.rulebase.RulebaseCompiler;
import dev.gatehouse.internal.rulebase.SettingsTable;
import dev.gatehouse.internal.rulebase.Structure;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse check}: compiles a rulebase and lints it. Every finding is a {@link Diagnostic}
 * with a stable code (documented under {@code docs/errors/}), located at {@code file:line:col}.
 * The lints read the DRL through Drools' own parser, so positions are the ones Drools reports.
 */
public final class Linter {
    /**
     * Every code this stage and the compiler below it can report: the codes of stages
     * {@link DiagnosticCode.Stage#COMPILE COMPILE}, {@link DiagnosticCode.Stage#TABLES TABLES} and
     * {@link DiagnosticCode.Stage#LINT LINT}.
     */
    public static final Set<DiagnosticCode> CODES =
            Collections.unmodifiableSet(EnumSet.copyOf(Arrays.stream(DiagnosticCode.values())
                    .filter(c -> c.stage() == DiagnosticCode.Stage.COMPILE
                            || c.stage() == DiagnosticCode.Stage.TABLES
                            || c.stage() == DiagnosticCode.Stage.LINT)
                    .toList()));

    private static final Pattern CLOCK = Pattern.compile("\\bSystem\\s*\\.\\s*(?:currentTimeMillis|nanoTime)\\s*\\("
            + "|\\b(?:Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Year"
            + "|YearMonth|MonthDay)\\s*\\.\\s*now\\s*\\("
            + "|\\bClock\\s*\\.\\s*system(?:UTC|DefaultZone)?\\s*\\("
            + "|\\bnew\\s+(?:java\\s*\\.\\s*util\\s*\\.\\s*)?(?:Date|GregorianCalendar)\\s*\\(\\s*\\)"
            + "|\\bCalendar\\s*\\.\\s*getInstance\\s*\\(");
    private static final Pattern SETTING =
            Pattern.compile("\\.\\s*(duration|integer|percent|list|text)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    private Linter() {}

    /** Compiles and lints the rulebase of a folder. */
    public static List<Diagnostic> lint(Path dir) {
        List<RuleSource> sources;
        try {
            sources = RuleSources.fromDirectory(dir);
        } catch (IOException e) {
            return List.of(Diagnostic.rule(
                    MISSING_RULEBASE_FILE, dir.toString(), 0, 0, "cannot read the rulebase: " + e.getMessage()));
        }
        return lint(sources, dir.toString());
    }

    /** Compiles and lints the default rulebase bundled with the engine. */
    public static List<Diagnostic> lintBundled() {
        return lint(RuleSources.bundled(), "<default>/rules");
    }

    /**
     * The order of {@code check}'s output: compile errors first (and missing files), then table errors, then
     * the lints; within each, by file, line and column.
     */
    public static final java.util.Comparator<Diagnostic> ORDER =
            java.util.Comparator.comparingInt(Linter::stage).thenComparing(Diagnostic.ORDER);

    private static int stage(Diagnostic d) {
        return switch (d.diagnosticCode().stage()) {
            case COMPILE -> 0; // compile errors and missing files
            case TABLES -> 1; // the CSV readers' findings
            default -> 2;
        };
    }

    /**
     * Compiles and lints rule sources; {@code where} names the rulebase in diagnostics about missing files.
     * In {@link #ORDER}. When the DRL does not compile, the structure lints (which need a compiled
     * rulebase: a file that does not parse has no rules to count) are not run.
     */
    public static List<Diagnostic> lint(List<RuleSource> sources, String where) {
        Set<Diagnostic> out =
                new LinkedHashSet<>(RulebaseCompiler.compile(sources, where).diagnostics());
        boolean compiled = out.stream().noneMatch(d -> RulebaseCompiler.COMPILE_CODES.contains(d.diagnosticCode()));
        List<RuleDecl> rules = new ArrayList<>();
        for (RuleSource s : sources) {
            if (s.isDrl()) {
                DrlReader.Parsed parsed = DrlReader.read(s);
                rules.addAll(parsed.rules());
                if (parsed.ok()) {
                    out.addAll(ValueLint.scan(s, parsed.descr()));
                }
                scanText(s, out, settingNames(sources));
            }
        }
        rules.forEach(r -> metadata(r, out));
        duplicates(rules, out);
        if (compiled) {
            rules.forEach(r -> Structure.guards(r, out));
            Structure.controls(sources, rules, out);
        }
        // Drools reports a duplicate name too, without saying where the first one is: keep the lint's finding.
        out.removeIf(d -> d.is(RULE_COMPILE_ERROR)
                && d.message().startsWith("Duplicate rule name")
                && out.stream()
                        .anyMatch(l -> l.is(DUPLICATE_RULE_NAME) && l.file().equals(d.file()) && l.line() == d.line()));
        // A clock read is also outside the safe subset: the clock lint says how to fix it, so keep one finding.
        out.removeIf(d -> d.is(FORBIDDEN_CALL)
                && out.stream()
                        .anyMatch(l -> l.is(READS_SYSTEM_CLOCK) && l.file().equals(d.file()) && l.line() == d.line()));
        List<Diagnostic> sorted = new ArrayList<>(out);
        sorted.sort(ORDER);
        return List.copyOf(sorted);
    }

    private static void metadata(RuleDecl r, Set<Diagnostic> out) {
        if (r.control() == null && r.family() == null) {
            out.add(
                    Diagnostic.rule(
                            MISSING_CONTROL_METADATA,
                            r.file(),
                            r.line(),
                            r.column(),
                            "rule \"" + r.name()
                                    + "\" has neither @control(\"ID\") nor @family(\"NAME\"): say which control it implements"));
        }
        if (r.description() == null || r.description().isBlank()) {
            out.add(Diagnostic.rule(
                    MISSING_DESCRIPTION,
                    r.file(),
                    r.line(),
                    r.column(),
                    "rule \"" + r.name() + "\" has no @description(\"...\"): say in plain words what it checks"));
        }
    }

    private static void duplicates(List<RuleDecl> rules, Set<Diagnostic> out) {
        TreeMap<String, RuleDecl> first = new TreeMap<>();
        for (RuleDecl r : rules) {
            String key = r.packageName() + "\u0000" + r.name();
            RuleDecl earlier = first.putIfAbsent(key, r);
            if (earlier != null) {
                out.add(Diagnostic.rule(
                        DUPLICATE_RULE_NAME,
                        r.file(),
                        r.line(),
                        r.column(),
                        "rule \"" + r.name()
                                + "\" is already defined at " + earlier.file() + ":" + earlier.line() + ":"
                                + earlier.column()
                                + ": rule names must be unique in a package (the trace names rules)"));
            }
        }
    }

    private static Set<String> settingNames(List<RuleSource> sources) {
        RuleSource file = sources.stream()
                .filter(s -> s.path().equals(RuleSources.SETTINGS))
                .findFirst()
                .orElse(null);
        if (file == null) {
            return null;
        }
        SettingsTable.Parsed parsed = SettingsTable.parse(file.text(), file.label());
        return parsed.settings() == null ? null : Set.copyOf(parsed.settings().names());
    }

    /** Text lints over a DRL file with its comments blanked out: system clock reads and unknown settings. */
    private static void scanText(RuleSource s, Set<Diagnostic> out, Set<String> settings) {
        String code = DrlText.mask(s.text(), false);
        String bare = DrlText.mask(s.text(), true);
        Matcher clock = CLOCK.matcher(bare);
        while (clock.find()) {
            int[] pos = DrlText.position(bare, clock.start());
            String call = clock.group()
                    .replaceAll("\\s*\\.\\s*", ".")
                    .replaceAll("\\s*\\(\\s*\\)?$", "")
                    .replaceAll("\\s+", " ");
            out.add(Diagnostic.rule(
                    READS_SYSTEM_CLOCK,
                    s.label(),
                    pos[0],
                    pos[1],
                    "reads the system clock through "
                            + call
                            + ": match the Now fact ($now : Now()) and use $now.at(), so the evaluation time is the one"
                            + " the caller gave"));
        }
        if (settings == null) {
            return;
        }
        Matcher m = SETTING.matcher(code);
        while (m.find()) {
            String name = m.group(2);
            if (!settings.contains(name)) {
                int[] pos = DrlText.position(code, m.start(2) - 1);
                out.add(Diagnostic.rule(
                        UNKNOWN_SETTING,
                        s.label(),
                        pos[0],
                        pos[1],
                        "setting \"" + name
                                + "\" is not in " + RuleSources.SETTINGS
                                + ": add it there (name,type,value,description)"
                                + " or fix the name; the evaluation would stop when the rule reads it"));
            }
        }
    }
}
