/**
 * What-if and replay, for reviewers and CI: evaluate a base and a changed variant (JSON Pointer
 * edits, an RFC 6902 patch, other exceptions, another time, another rulebase) and report the
 * difference ({@link dev.gatehouse.whatif.WhatIfEngine}); explain what blocks a denied release
 * from the rules' metadata ({@link dev.gatehouse.whatif.Blockers}); and replay a corpus of cases
 * or a decision log under two rulebases ({@link dev.gatehouse.whatif.Replay}). Built on the
 * public API only: a variant is validated exactly like a real input.
 */
package dev.gatehouse.whatif;
