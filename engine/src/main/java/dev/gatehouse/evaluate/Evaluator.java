package dev.gatehouse.evaluate;

import dev.gatehouse.facts.Enforcement;
import dev.gatehouse.model.Environment;
import dev.gatehouse.rulebase.CompiledRulebase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;

/** Runs one evaluation in its own session. Immutable and thread-safe. */
public final class Evaluator {
    private final CompiledRulebase rulebase;
    private final int maxFirings;
    /**
     * Sessions are reused: a new session builds the memory of every node it touches, which was a
     * quarter of an evaluation; a pooled session is reset (no facts, no agenda) when disposed.
     */
    private final KieSessionsPool sessions;

    public Evaluator(CompiledRulebase rulebase, int maxFirings) {
        this.rulebase = rulebase;
        this.maxFirings = maxFirings;
        this.sessions = rulebase.kieBase().newKieSessionsPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Inserts the facts, the settings and the controls in force for {@code target}, fires the
     * rules (at most {@code maxFirings}), and returns what the session holds afterwards.
     */
    public Evaluation run(List<Object> facts, Environment target) {
        KieSession session = sessions.newKieSession();
        List<Firing> firings = new ArrayList<>();
        DefaultAgendaEventListener listener = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firings.add(new Firing(event.getMatch().getRule().getName(), event.getMatch().getObjects()));
            }
        };
        // Which rule inserted each conclusion: a consequence's inserts come before its afterMatchFired,
        // so the firing that inserts is the next one recorded.
        List<Insertion> insertions = new ArrayList<>();
        DefaultRuleRuntimeEventListener inserted = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getRule() != null) {
                    insertions.add(new Insertion(event.getRule().getName(), event.getObject(), firings.size()));
                }
            }
        };
        try {
            session.addEventListener(listener);
            session.addEventListener(inserted);
            session.insert(rulebase.settings());
            for (String control : rulebase.enforcement().controls()) {
                String level = rulebase.enforcement().level(control, target);
                if (!"off".equals(level)) {
                    session.insert(new Enforcement(control, level));
                }
            }
            for (Object fact : facts) {
                session.insert(fact);
            }
            int fired;
            try {
                fired = session.fireAllRules(maxFirings);
            } catch (ConsequenceException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new EvaluationFailure("rule \"" + e.getMatch().getRule().getName() + "\" failed: " + cause.getMessage(), cause);
            } catch (RuntimeException e) {
                throw new EvaluationFailure("the rules failed: " + e.getMessage(), e);
            }
            if (fired >= maxFirings) {
                throw new EvaluationFailure("stopped after " + maxFirings + " rule firings: a rule is probably looping ("
                        + busiest(firings) + ")", null);
            }
            return new Evaluation(new ArrayList<>(session.getObjects()), firings, insertions);
        } finally {
            session.removeEventListener(listener);
            session.removeEventListener(inserted);
            session.dispose(); // back to the pool, reset
        }
    }

    private static String busiest(List<Firing> firings) {
        Map<String, Integer> counts = new HashMap<>();
        firings.forEach(f -> counts.merge(f.rule(), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(e -> "\"" + e.getKey() + "\" fired " + e.getValue() + " times")
                .reduce((a, b) -> a + ", " + b)
                .orElse("no rule fired");
    }
}
