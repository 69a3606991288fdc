package dev.gatehouse.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every code a {@link Diagnostic} can carry, with its wire name (the string in output, stable, and
 * the name of its page {@code docs/errors/<wire>.md}) and the stage that reports it. This enum is
 * the one list of codes: every place that makes a diagnostic names one of these, and the tests
 * hold each to its page.
 */
public enum DiagnosticCode {
    // load: reading files and folders into documents
    /** An input file or the exceptions folder cannot be read. */
    UNREADABLE_FILE("unreadable-file", Stage.LOAD),
    /** A document is not well-formed JSON or YAML. */
    SYNTAX_ERROR("syntax-error", Stage.LOAD),
    /** An input is larger than the limit of one evaluation. */
    INPUT_TOO_LARGE("input-too-large", Stage.LOAD),
    /** An entry of the exceptions folder is a symlink that leads outside it. */
    REFUSED_FILE("refused-file", Stage.LOAD),
    /** The exceptions folder holds something that is not an exception file. */
    UNEXPECTED_FILE("unexpected-file", Stage.LOAD),
    /** An exception file uses a YAML feature input documents may not use. */
    UNSUPPORTED_YAML("unsupported-yaml", Stage.LOAD),

    // validate: documents against the contract
    /** The document declares another {@code kind} than expected. */
    WRONG_KIND("wrong-kind", Stage.VALIDATE),
    /** A field the contract requires is absent. */
    MISSING_FIELD("missing-field", Stage.VALIDATE),
    /** A field the contract does not define. */
    UNKNOWN_FIELD("unknown-field", Stage.VALIDATE),
    /** A field of the wrong JSON type. */
    WRONG_TYPE("wrong-type", Stage.VALIDATE),
    /** A string without the contract's format. */
    BAD_FORMAT("bad-format", Stage.VALIDATE),
    /** A value of the right type and format that is not allowed (also a number no long or double holds). */
    BAD_VALUE("bad-value", Stage.VALIDATE),
    /** Two exception files of one evaluation with the same id. */
    DUPLICATE_ID("duplicate-id", Stage.VALIDATE),
    /** A person's identity not in canonical form. */
    BAD_IDENTITY("bad-identity", Stage.VALIDATE),

    // compile: the rulebase's DRL files
    /** A DRL file does not compile, for a reason without a code of its own. */
    RULE_COMPILE_ERROR("rule-compile-error", Stage.COMPILE),
    /** The rulebase folder cannot be read or lacks a part. */
    MISSING_RULEBASE_FILE("missing-rulebase-file", Stage.COMPILE),
    /** A rule uses something outside the safe subset. */
    FORBIDDEN_CALL("forbidden-call", Stage.COMPILE),
    /** A rule reads a field (or calls a method) its fact type does not have. */
    UNKNOWN_FACT_FIELD("unknown-fact-field", Stage.COMPILE),
    /** A pattern matches a type that is not a fact type. */
    UNKNOWN_FACT_TYPE("unknown-fact-type", Stage.COMPILE),
    /** A rule without {@code end} before the next declaration. */
    UNCLOSED_RULE("unclosed-rule", Stage.COMPILE),

    // tables: the rulebase's CSV files
    /** {@code enforcement.csv} is malformed. */
    ENFORCEMENT_TABLE("enforcement-table", Stage.TABLES),
    /** A cell of {@code enforcement.csv} is not a level. */
    BAD_ENFORCEMENT_LEVEL("bad-enforcement-level", Stage.TABLES),
    /** The header of {@code enforcement.csv} lacks an environment of the promotion path. */
    MISSING_ENVIRONMENT_COLUMN("missing-environment-column", Stage.TABLES),
    /** {@code settings.csv} is malformed. */
    SETTINGS_TABLE("settings-table", Stage.TABLES),

    // lint: gatehouse check's findings on a compiled rulebase
    /** A rule with neither {@code @control} nor {@code @family}. */
    MISSING_CONTROL_METADATA("missing-control-metadata", Stage.LINT),
    /** A rule without {@code @description}. */
    MISSING_DESCRIPTION("missing-description", Stage.LINT),
    /** A control of the enforcement table that no rule implements. */
    CONTROL_WITHOUT_RULE("control-without-rule", Stage.LINT),
    /** A rule whose {@code @control} is not in the enforcement table. */
    UNKNOWN_CONTROL("unknown-control", Stage.LINT),
    /** A rule whose {@code @control} differs from the control of its {@code Enforcement} guard. */
    GUARD_MISMATCH("guard-mismatch", Stage.LINT),
    /** A rule with {@code @control} but no {@code Enforcement(control == "...")} guard. */
    MISSING_ENFORCEMENT_GUARD("missing-enforcement-guard", Stage.LINT),
    /** Two rules of one package with the same name. */
    DUPLICATE_RULE_NAME("duplicate-rule-name", Stage.LINT),
    /** A rule file that reads the system clock instead of the {@code Now} fact. */
    READS_SYSTEM_CLOCK("reads-system-clock", Stage.LINT),
    /** A settings name read by a rule that the settings table lacks. */
    UNKNOWN_SETTING("unknown-setting", Stage.LINT),
    /** A string compared with a fact field whose values the contract fixes, and none of them. */
    UNKNOWN_VALUE("unknown-value", Stage.LINT),

    // assemble: inputs built from CI artifacts and a manifest
    /** Two sources (the manifest, artifacts) give one single-valued field different values. */
    CONFLICTING_VALUE("conflicting-value", Stage.ASSEMBLE),
    /** An artifact is not of the format its flag names, or uses a feature that is refused (an XML DTD). */
    UNSUPPORTED_ARTIFACT("unsupported-artifact", Stage.ASSEMBLE),

    // cases and what-if
    /** A golden case folder is malformed. */
    BAD_CASE("bad-case", Stage.CASES),
    /** A what-if change cannot be applied. */
    BAD_CHANGE("bad-change", Stage.WHATIF);

    /** The stage that reports a code. */
    public enum Stage {
        /** Reading input files and folders ({@code dev.gatehouse.internal.load}). */
        LOAD,
        /** Checking input documents against the contract ({@code dev.gatehouse.internal.validate}). */
        VALIDATE,
        /** Compiling the rulebase's DRL ({@code dev.gatehouse.internal.rulebase}); {@code check} reports these first. */
        COMPILE,
        /** Reading the rulebase's CSV tables ({@code dev.gatehouse.internal.rulebase}); {@code check} reports these second. */
        TABLES,
        /** The lints of {@code gatehouse check} ({@code dev.gatehouse.lint}); reported last. */
        LINT,
        /** Assembling inputs from CI artifacts ({@code dev.gatehouse.assemble}). */
        ASSEMBLE,
        /** Loading golden cases ({@code dev.gatehouse.cases}). */
        CASES,
        /** Applying what-if changes ({@code dev.gatehouse.whatif}). */
        WHATIF
    }

    private static final Map<String, DiagnosticCode> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(DiagnosticCode::wire, Function.identity()));

    private final String wire;
    private final Stage stage;

    DiagnosticCode(String wire, Stage stage) {
        this.wire = wire;
        this.stage = stage;
    }

    /** The code as it appears in output and as the name of its page under {@code docs/errors/}. */
    public String wire() {
        return wire;
    }

    /** The stage that reports this code. */
    public Stage stage() {
        return stage;
    }

    /** The code with this wire name, if there is one. */
    public static Optional<DiagnosticCode> ofWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    /** The wire name, so a code in a string reads as it does in output. */
    @Override
    public String toString() {
        return wire;
    }
}
