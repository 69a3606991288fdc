/**
 * Stage 4, evaluate: runs the facts of one input through the compiled rulebase in a short-lived
 * Drools session with a cap on rule firings, recording which rules fired and what they matched.
 * The only stage that touches Drools at run time.
 */
package dev.gatehouse.internal.evaluate;
