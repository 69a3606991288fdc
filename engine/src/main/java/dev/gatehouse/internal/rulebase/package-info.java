/**
 * Compiles a rulebase once: the DRL files, the enforcement table (control x environment ->
 * hard/soft/advisory/off) and the settings table (named thresholds), from a folder or from the
 * default rulebase bundled on the classpath. Problems come back as diagnostics with file, line
 * and column. The result is immutable and shared by every evaluation.
 */
package dev.gatehouse.internal.rulebase;
