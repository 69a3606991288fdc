package dev.gatehouse.load;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed input document: the name the user knows it by, and its JSON tree. */
public record Document(String file, JsonNode tree) {}
