/**
 * Golden cases: a folder with {@code evidence.json}, {@code readback.json}, optional
 * {@code exceptions/} and a {@code case.yaml} saying when to evaluate and what decision to expect.
 * The same cases drive the engine's tests, {@code gatehouse test}, what-if, replay and benchmarks.
 */
package dev.gatehouse.cases;
