package dev.gatehouse.facts;

import com.ibm.icu.text.SpoofChecker;
import dev.gatehouse.model.Identities;

/**
 * Who a person is, as rules compare people: the Unicode TR39 confusable skeleton of their identity
 * (ICU's {@link SpoofChecker}). Two identities with the same skeleton, such as {@code p.ramaswamy}
 * and {@code p.rаmaswamy} (Cyrillic а), or {@code j.smith} and {@code j.srnith}, are one person.
 * The identity is canonicalized first ({@link Identities#canonical}), which changes nothing for a
 * validated input and keeps a value built around validation from splitting one person in two.
 * Thread-safe: the checker is built once (building it loads the confusables data) and ICU's
 * skeleton function may be called concurrently on one instance.
 */
public final class Persons {
    private Persons() {}

    private static final class Holder {
        static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    }

    /**
     * The person key of {@code identity}: equal keys are one person. The TR39 skeleton is case
     * sensitive ({@code 0} maps to {@code O}, not {@code o}); identities are not, so the skeleton is
     * case-folded again ({@link Identities#canonical}) and {@code 0.okafor} is {@code o.okafor}.
     */
    public static String key(String identity) {
        return Identities.canonical(Holder.CHECKER.getSkeleton(Identities.canonical(identity)));
    }
}
