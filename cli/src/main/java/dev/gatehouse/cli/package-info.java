/**
 * The {@code gatehouse} command: one class per subcommand, turning arguments into calls of the
 * engine's public API and results into exit codes and output. No policy logic lives here.
 */
package dev.gatehouse.cli;
