/**
 * {@code gatehouse serve}: the decision service. One compiled {@link dev.gatehouse.PolicyEngine} answers every
 * request of a versioned JSON API ({@code /v1/decisions}, {@code /v1/whatif}, {@code /v1/rulebase}), described by
 * the OpenAPI document it serves, with health, readiness and Prometheus metrics, bearer tokens, request limits and
 * the reviewers' page at {@code /}. No policy logic lives here: requests become calls of the engine's API.
 */
package dev.gatehouse.server;
