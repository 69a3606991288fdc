/**
 * Evidence from the artifacts CI already makes ({@code gatehouse assemble}): importers for Trivy,
 * SARIF, JUnit XML, CycloneDX, OpenVEX, SLSA provenance and VSA, Kubernetes, Argo CD and pull-request
 * reviews read each artifact into fields of the contract, and {@link dev.gatehouse.assemble.Assembler}
 * merges them with a manifest (what no artifact knows) into a ReleaseEvidence and an
 * EnvironmentReadback, validated like any other input, with the file and place of every imported value.
 *
 * <p>The one public entry is {@link dev.gatehouse.assemble.Assembler}; its result is
 * {@link dev.gatehouse.assemble.Assembly}. Everything else is package-private.
 */
package dev.gatehouse.assemble;
