/**
 * The public API: {@link dev.gatehouse.PolicyEngine} (build once, evaluate many), {@link
 * dev.gatehouse.Inputs} (read and validate input documents) and the two failures a caller must
 * handle: {@link dev.gatehouse.InvalidInputException} and {@link dev.gatehouse.RulebaseException},
 * both carrying diagnostics. Contract values live in {@code dev.gatehouse.model}. Nothing here
 * exposes Drools.
 */
package dev.gatehouse;
