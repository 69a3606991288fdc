/**
 * Stage 2, validate: binds each input tree to its contract type ({@link dev.gatehouse.internal.validate.Binder}: unknown
 * fields, JSON types, enum names, instants, numbers a field can hold) and runs Bean Validation on the bound value,
 * the one authority on the rules about an input's values, reporting every problem of a document at once as a
 * diagnostic naming the file and the JSON Pointer of the field. Strict: unknown fields are errors. The published
 * JSON Schemas are generated from the same contract types ({@link dev.gatehouse.internal.validate.Schemas}) and held to
 * the same verdicts by a test, not run.
 */
package dev.gatehouse.internal.validate;
