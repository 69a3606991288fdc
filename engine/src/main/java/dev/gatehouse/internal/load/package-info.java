/**
 * Stage 1, load: reads input documents (JSON, or YAML for exceptions) into JSON trees, turning
 * unreadable files and syntax errors into diagnostics with line and column. No meaning yet.
 */
package dev.gatehouse.internal.load;
