package dev.gatehouse;

import static dev.gatehouse.model.DiagnosticCode.MISSING_RULEBASE_FILE;

import dev.gatehouse.facts.FactBuilder;
import dev.gatehouse.internal.InputReading;
import dev.gatehouse.internal.decide.Decider;
import dev.gatehouse.internal.evaluate.Evaluation;
import dev.gatehouse.internal.evaluate.EvaluationFailure;
import dev.gatehouse.internal.evaluate.Evaluator;
import dev.gatehouse.internal.explain.Advisor;
import dev.gatehouse.internal.explain.Explainer;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.internal.rulebase.CompiledRulebase;
import dev.gatehouse.internal.rulebase.RuleSource;
import dev.gatehouse.internal.rulebase.RuleSources;
import dev.gatehouse.internal.rulebase.RulebaseCompiler;
import dev.gatehouse.internal.rulebase.Structure;
import dev.gatehouse.model.BlockerAdvice;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.RuleMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policy engine: a compiled rulebase, ready to evaluate. Build it once with {@link #builder()};
 * it is immutable and safe to share between threads, and each evaluation runs in its own session.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().rules(Path.of("rules")).build();
 * PromotionDecision d = engine.evaluate(Inputs.read(evidence, readback, exceptions), Instant.parse("2026-11-28T12:00:00Z"));
 * }</pre>
 */
public final class PolicyEngine {
    /** The default cap on rule firings per evaluation. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 200_000;
    /** The default wall-clock limit of one evaluation (inserting the facts and firing the rules). */
    public static final Duration DEFAULT_EVALUATION_TIMEOUT = Duration.ofSeconds(10);

    private static final String ENGINE_VERSION = engineVersion();

    private final CompiledRulebase rulebase;
    private final int maxRuleFirings;
    private final Duration timeout;
    private final Evaluator evaluator;

    private PolicyEngine(CompiledRulebase rulebase, int maxRuleFirings, Duration timeout) {
        this.rulebase = rulebase;
        this.maxRuleFirings = maxRuleFirings;
        this.timeout = timeout;
        this.evaluator = new Evaluator(rulebase, maxRuleFirings, timeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates an input at {@code at} (the evaluation time; rules never read the clock). */
    public PromotionDecision evaluate(EvaluationInput input, Instant at) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(at, "at");
        try {
            return decide(input, at, run(input, at));
        } catch (EvaluationFailure e) {
            throw new EvaluationException(e.getMessage(), e.getCause());
        }
    }

    private Evaluation run(EvaluationInput input, Instant at) {
        return evaluator.run(
                FactBuilder.facts(input.evidence(), input.readback(), input.exceptions(), at),
                input.evidence().promotion().to());
    }

    private PromotionDecision decide(EvaluationInput input, Instant at, Evaluation evaluation) {
        PromotionDecision.Provenance provenance =
                new PromotionDecision.Provenance(ENGINE_VERSION, rulebase.digest(), inputDigest(input), at.toString());
        return Decider.decide(
                input.evidence(), evaluation, Explainer.trace(evaluation.firings(), rulebase.rules()), provenance);
    }

    /**
     * Evaluates an input at {@code at} and says, for each blocking violation, what would clear it:
     * built from the rule that inserted the violation, its description with the current settings,
     * the control's level and the exception problems the rules found. In the decision's order.
     */
    public List<BlockerAdvice> explainBlockers(EvaluationInput input, Instant at) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(at, "at");
        try {
            Evaluation evaluation = run(input, at);
            return Advisor.advise(decide(input, at, evaluation), evaluation, rulebase.rules(), rulebase.settings());
        } catch (EvaluationFailure e) {
            throw new EvaluationException(e.getMessage(), e.getCause());
        }
    }

    /** Evaluates an input at the clock's current instant. */
    public PromotionDecision evaluate(EvaluationInput input, Clock clock) {
        return evaluate(input, clock.instant());
    }

    /** sha256 of the rule files and tables this engine was built from. */
    public String rulebaseDigest() {
        return rulebase.digest();
    }

    /** The engine's version, as written into provenance. */
    public static String version() {
        return ENGINE_VERSION;
    }

    /** The controls of the enforcement table, sorted. */
    public SortedSet<String> controls() {
        return new TreeSet<>(rulebase.enforcement().controls());
    }

    /**
     * Every rule's metadata ({@code @control}, {@code @family}, {@code @description}), sorted by rule
     * name, each description with the settings it names in backquotes rendered with their current
     * values from the settings table ({@code within `backup.max-age`} reads {@code within 24h
     * (backup.max-age)}): what reports and explanations show.
     */
    public List<RuleMetadata> ruleMetadata() {
        return rulebase.rules().values().stream()
                .map(r -> new RuleMetadata(
                        r.name(), r.control(), r.family(), rulebase.settings().render(r.description())))
                .sorted(RuleMetadata.ORDER)
                .toList();
    }

    /** Every rule's metadata as written in the rule files (settings named, not rendered), sorted by rule name. */
    public List<RuleMetadata> ruleMetadataAsWritten() {
        return rulebase.rules().values().stream()
                .map(r -> new RuleMetadata(r.name(), r.control(), r.family(), r.description()))
                .sorted(RuleMetadata.ORDER)
                .toList();
    }

    /** A policy text with the settings it names in backquotes rendered with their current values. */
    public String renderSettings(String text) {
        return rulebase.settings().render(text);
    }

    /** The settings table: each setting's name and its value as the policy shows it, sorted by name. */
    public SortedMap<String, String> settings() {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        for (String name : rulebase.settings().names()) {
            out.put(name, rulebase.settings().display(name));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** The level of every control of the enforcement table in one environment, sorted by control. */
    public SortedMap<String, String> enforcementIn(Environment environment) {
        Objects.requireNonNull(environment, "environment");
        SortedMap<String, String> out = new TreeMap<>();
        rulebase.enforcement()
                .controls()
                .forEach(c -> out.put(c, rulebase.enforcement().level(c, environment)));
        return Collections.unmodifiableSortedMap(out);
    }

    /** A copy of this engine whose enforcement table has one cell changed (for what-if and tests). */
    public PolicyEngine withEnforcement(String control, Environment environment, String level) {
        return new PolicyEngine(
                rulebase.withEnforcement(rulebase.enforcement().with(control, environment, level)),
                maxRuleFirings,
                timeout);
    }

    /**
     * Provenance's inputDigest: {@code sha256:} of the RFC 8785 (JCS) form of the object
     * {@code {"evidence": E, "readback": R, "exceptions": [X...]}}, where E, R and each X are the input documents
     * as read (the exceptions sorted by id; YAML read as JSON values, a timestamp being the string as written), so
     * anyone can recompute it from the files (docs/design.md, "Determinism"). An input built from Java values
     * ({@link Inputs#of}) has no documents: its values as written stand in for them ({@link Inputs#documents}).
     */
    public static String inputDigest(EvaluationInput input) {
        dev.gatehouse.internal.InputDocuments documents = InputReading.documents(input);
        com.fasterxml.jackson.databind.node.ObjectNode digested = Json.mapper().createObjectNode();
        digested.set("evidence", documents.evidence());
        digested.set("readback", documents.readback());
        digested.putArray("exceptions").addAll(documents.exceptions());
        return Json.jcsSha256(digested);
    }

    private static String engineVersion() {
        try (InputStream in = PolicyEngine.class.getClassLoader().getResourceAsStream("gatehouse/engine.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Whether the rulebase was loaded precompiled (compiled at build time from the same DRL: the bundled default, or a
     * folder whose DRL files are exactly those) rather than compiled now.
     */
    public boolean precompiled() {
        return rulebase.precompiled();
    }

    /** Builds an engine. Fails fast on a conflicting setting. */
    public static final class Builder {
        private Path rules;
        private Integer maxRuleFirings;
        private Duration evaluationTimeout;
        private boolean usePrecompiled = true;

        private Builder() {}

        /**
         * The wall-clock limit of one evaluation (default {@link #DEFAULT_EVALUATION_TIMEOUT}): a rule,
         * condition or function still running then is stopped and the evaluation throws
         * {@link EvaluationException}.
         */
        public Builder evaluationTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (evaluationTimeout != null) {
                throw new IllegalStateException("evaluationTimeout was already set to " + evaluationTimeout);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("evaluationTimeout must be positive, not " + timeout);
            }
            this.evaluationTimeout = timeout;
            return this;
        }

        /** Compile the rulebase of a folder (its {@code *.drl}, {@code enforcement.csv} and {@code settings.csv}). */
        public Builder rules(Path dir) {
            Objects.requireNonNull(dir, "dir");
            if (rules != null) {
                throw new IllegalStateException("rules were already set to " + rules);
            }
            this.rules = dir;
            return this;
        }

        /** The cap on rule firings per evaluation; a rule that loops stops with an error there. */
        public Builder maxRuleFirings(int max) {
            if (maxRuleFirings != null) {
                throw new IllegalStateException("maxRuleFirings was already set to " + maxRuleFirings);
            }
            if (max < 1) {
                throw new IllegalArgumentException("maxRuleFirings must be at least 1, not " + max);
            }
            this.maxRuleFirings = max;
            return this;
        }

        /**
         * Whether a precompiled form of the rulebase's DRL may be used when one is on the class path (the
         * default); {@code false} compiles the DRL now even then (to compare the two, or to measure).
         */
        public Builder usePrecompiled(boolean use) {
            this.usePrecompiled = use;
            return this;
        }

        /** Compiles the rulebase (the bundled default when no folder was given). */
        public PolicyEngine build() {
            String where;
            List<RuleSource> sources;
            if (rules != null) {
                try {
                    sources = RuleSources.fromDirectory(rules);
                } catch (IOException e) {
                    throw new RulebaseException(List.of(dev.gatehouse.model.Diagnostic.rule(
                            MISSING_RULEBASE_FILE,
                            rules.toString(),
                            0,
                            0,
                            "cannot read the rulebase: " + e.getMessage())));
                }
                where = rules.toString();
            } else {
                try {
                    sources = RuleSources.bundled();
                } catch (UncheckedIOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                where = "<default>/rules";
            }
            RulebaseCompiler.Result result = null;
            if (usePrecompiled) {
                // The build precompiles rules/ (module gatehouse-default-rulebase); when it is on the class path and
                // was compiled from exactly these DRL files (bundled, or a folder such as the repository's rules/),
                // use it. Any other DRL (a rule edited, added or removed since the build) is compiled now.
                result = RulebaseCompiler.precompiled(sources, where, PolicyEngine.class.getClassLoader());
            }
            if (result == null) {
                result = RulebaseCompiler.compile(sources, where);
            }
            List<dev.gatehouse.model.Diagnostic> problems = new java.util.ArrayList<>(result.diagnostics());
            if (rules != null
                    && problems.isEmpty()
                    && !(result.rulebase().precompiled() && RuleSources.tablesAreBundled(sources))) {
                // The structure check runs too, unless the folder holds exactly the bundled default (the precompiled
                // model was used, so the rule files are the ones it was compiled from, and the tables are the bundled
                // ones): the build holds that to the check (gatehouse check in mvn verify), as it does when no folder
                // is given. Parsing the DRL again for it was most of a cold start's remaining rulebase time.
                Structure.structure(sources).stream()
                        .filter(d -> !problems.contains(d))
                        .forEach(problems::add);
            }
            if (result.rulebase() == null || !problems.isEmpty()) {
                problems.sort(dev.gatehouse.model.Diagnostic.ORDER);
                throw new RulebaseException(problems);
            }
            return new PolicyEngine(
                    result.rulebase(),
                    maxRuleFirings == null ? DEFAULT_MAX_RULE_FIRINGS : maxRuleFirings,
                    evaluationTimeout == null ? DEFAULT_EVALUATION_TIMEOUT : evaluationTimeout);
        }
    }
}
