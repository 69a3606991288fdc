/**
 * Golden cases: a folder with a {@code case.yaml} saying when to evaluate, what the inputs are and
 * what decision to expect. The inputs are a base under {@code bases/} with RFC 6902 patches for its
 * evidence and readback (patch form), or the folder's own {@code evidence.json} and
 * {@code readback.json} (full-file form); exceptions are the folder's own {@code exceptions/}.
 * The same cases drive the engine's tests, {@code gatehouse test}, replay and benchmarks.
 */
package dev.gatehouse.cases;
