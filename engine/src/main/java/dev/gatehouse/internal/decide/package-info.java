/**
 * Stage 5, decide: reads the conclusions the rules left in working memory (violations, waivers,
 * exception statuses, the ring) into the contract's {@code PromotionDecision}. It applies the
 * contract's invariants (eligible exactly when no violation remains; hard violations are never
 * waived; sorted lists) and knows no control.
 */
package dev.gatehouse.internal.decide;
