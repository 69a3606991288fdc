/**
 * The fact model as rules see it. The facts stage turns validated inputs into these flat,
 * immutable facts, each list item carrying the JSON Pointer of the evidence it came from;
 * rules match them and insert conclusions ({@link dev.gatehouse.facts.Violation},
 * {@link dev.gatehouse.facts.ExceptionStatus}, {@link dev.gatehouse.facts.Waiver},
 * {@link dev.gatehouse.facts.RingAssignment}). Wire values (environments, roles, severities)
 * are plain strings so that rules read like the contract.
 */
package dev.gatehouse.facts;
