package dev.gatehouse.internal;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the readers make an {@link EvaluationInput}, which has no public constructor (so that every input
 * outside Gatehouse is one {@code Inputs} validated). {@code EvaluationInput} registers its constructor here
 * when it is loaded, the way the JDK shares internals between its packages ({@code SharedSecrets}). Only
 * {@link InputReading} calls {@link #make}, after validating; {@code ArchitectureTest} holds that.
 */
public final class InputAccess {
    /** The constructor of {@code EvaluationInput}. */
    @FunctionalInterface
    public interface Maker {
        EvaluationInput make(
                ReleaseEvidence evidence,
                EnvironmentReadback readback,
                List<RiskException> exceptions,
                InputDocuments documents);
    }

    private static volatile Maker maker;
    private static volatile Function<EvaluationInput, InputDocuments> documents;

    private InputAccess() {}

    /** Called once, by {@code EvaluationInput}'s static initialiser; a second call is refused. */
    public static synchronized void register(Maker m, Function<EvaluationInput, InputDocuments> d) {
        if (maker != null) {
            throw new IllegalStateException("EvaluationInput's constructor is already registered");
        }
        maker = Objects.requireNonNull(m);
        documents = Objects.requireNonNull(d);
    }

    static EvaluationInput make(
            ReleaseEvidence evidence,
            EnvironmentReadback readback,
            List<RiskException> exceptions,
            InputDocuments docs) {
        ensureLoaded();
        return maker.make(evidence, readback, exceptions, docs);
    }

    /** The documents an input was read from; null for one built from Java values. */
    static InputDocuments documents(EvaluationInput input) {
        ensureLoaded();
        return documents.apply(input);
    }

    private static void ensureLoaded() {
        if (maker == null) {
            try {
                Class.forName(EvaluationInput.class.getName(), true, EvaluationInput.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
