/**
 * RFC 6902 JSON Patch on Jackson trees ({@link dev.gatehouse.patch.JsonPatch}): shared by what-if
 * and by golden cases written as a base plus a patch. Depends on nothing else of Gatehouse.
 */
package dev.gatehouse.patch;
