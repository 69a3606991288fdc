/**
 * Stage 2, validate: checks input trees against the JSON Schemas generated from the contract
 * types, binds them to those types and runs Bean Validation, reporting every problem as a
 * diagnostic naming the file and the JSON Pointer of the field. Strict: unknown fields are errors.
 */
package dev.gatehouse.internal.validate;
