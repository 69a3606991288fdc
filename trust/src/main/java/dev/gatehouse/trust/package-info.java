/**
 * Decisions others can trust: keys ({@link dev.gatehouse.trust.Keys}: Ed25519 and ECDSA P-256 in PEM), DSSE
 * envelopes ({@link dev.gatehouse.trust.Dsse}), signed decisions as in-toto/SLSA VSA attestations
 * ({@link dev.gatehouse.trust.Attestations}) and their verification ({@link dev.gatehouse.trust.AttestationVerifier}),
 * signed rule bundles ({@link dev.gatehouse.trust.RuleBundles}) and the signatures of decision log lines
 * ({@link dev.gatehouse.trust.LogSignatures}). The JDK signs and verifies; see docs/trust.md.
 */
package dev.gatehouse.trust;
