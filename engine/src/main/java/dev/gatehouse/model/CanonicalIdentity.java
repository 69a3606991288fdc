package dev.gatehouse.model;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated string, when not null, is a canonical identity ({@link Identities}). The JSON Schema
 * of the field carries {@link Formats#IDENTITY} and {@link Identities#DESCRIPTION}; diagnostics say
 * what is wrong and the canonical spelling ({@link Identities#problem}).
 */
@Target({
    ElementType.FIELD,
    ElementType.METHOD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CanonicalIdentity.Check.class)
public @interface CanonicalIdentity {
    String message() default Formats.IDENTITY_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The Bean Validation side of the rule. */
    final class Check implements ConstraintValidator<CanonicalIdentity, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identities.isCanonical(value);
        }
    }
}
