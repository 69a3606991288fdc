/**
 * Stage 6, explain: turns the rule firings of an evaluation into the decision's trace, naming each
 * rule, the control it serves (from its metadata) and the facts it matched (JSON Pointers,
 * exception ids, conclusions).
 */
package dev.gatehouse.internal.explain;
