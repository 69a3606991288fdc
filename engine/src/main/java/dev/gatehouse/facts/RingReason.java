package dev.gatehouse.facts;

/** One reason behind a ring: a stable code and a plain-words detail. */
public record RingReason(String code, String detail) {}
