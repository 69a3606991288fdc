/**
 * The decision log: one canonical JSON line per evaluation (inputs, time, decision with its
 * provenance), hash-chained and appended under a file lock, and its verification. Replay reads it
 * back as a corpus.
 */
package dev.gatehouse.log;
