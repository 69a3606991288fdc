/**
 * The contract types: the three input documents (release evidence, environment readback,
 * risk exceptions), the promotion decision, and diagnostics. These are the values CI builds,
 * reads and writes; field names are the wire names of {@code shared/spec/contract.md}.
 */
package dev.gatehouse.model;
