package dev.gatehouse.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a string field of a fact can have: the wire values of a contract enum (its {@code wire()}).
 * {@code gatehouse check} reports a rule that compares such a field with any other literal
 * ({@code unknown-value}): that comparison can never hold, so the rule would silently never fire.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OneOf {
    /** The contract enum whose wire values are the field's values. */
    Class<? extends Enum<?>> value();
}
