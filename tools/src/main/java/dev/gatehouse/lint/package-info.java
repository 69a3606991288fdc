/**
 * Lints a rulebase beyond what compiles: every rule says which control it implements and what it
 * checks; the enforcement table and the rules agree on the set of controls; each control rule is
 * guarded by its own control's {@code Enforcement} fact; rule names are unique; rules read time
 * from the {@code Now} fact, never the system clock; and every setting a rule reads exists. Used by
 * {@code gatehouse check}. Depends on the rulebase stage only.
 */
package dev.gatehouse.lint;
