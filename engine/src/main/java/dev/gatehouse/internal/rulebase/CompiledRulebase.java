package dev.gatehouse.internal.rulebase;

import dev.gatehouse.facts.Settings;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A compiled rulebase: the Drools knowledge base, the two tables, the rules' metadata and the
 * sha256 of the files it was built from. Immutable; the knowledge base is safe to share between
 * threads (each evaluation opens its own session).
 */
public record CompiledRulebase(
        KieBase kieBase,
        EnforcementTable enforcement,
        Settings settings,
        Map<String, RuleInfo> rules,
        List<RuleSource> sources,
        String digest,
        boolean precompiled) {
    public CompiledRulebase {
        rules = Map.copyOf(rules);
        sources = List.copyOf(sources);
    }

    /** The same rulebase with another enforcement table (what-if and tests). */
    public CompiledRulebase withEnforcement(EnforcementTable table) {
        return new CompiledRulebase(
                kieBase, table, settings, rules, sources, digest + "+enforcement-override", precompiled);
    }
}
