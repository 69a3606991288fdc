/**
 * Stage 7, report: renders a decision for machines (JSON, byte-identical for equal decisions) and
 * for people (text: what blocks and why, what was waived by which exception, the ring and why),
 * and the canonical JSON form of inputs that their digest is taken over.
 */
package dev.gatehouse.report;
