package dev.gatehouse.facts;

/** A fact that names itself in a decision's trace: a JSON Pointer, an exception id or a conclusion. */
public interface Traceable {
    /** How the trace names this fact. */
    String ref();
}
