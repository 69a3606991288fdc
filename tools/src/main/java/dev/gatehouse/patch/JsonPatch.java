package dev.gatehouse.patch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The six operations of RFC 6902 (add, remove, replace, move, copy, test) on Jackson trees, with
 * RFC 6901 pointers. Each operation returns the new root (an operation on the root pointer
 * replaces the whole document); the trees it is given are changed in place, so callers pass copies.
 * Used by what-if ({@code --patch}, {@code --set}) and by golden cases written as a base plus a patch.
 */
public final class JsonPatch {
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private JsonPatch() {}

    /** Applies one operation object ({@code {"op": ..., "path": ..., ...}}); {@code at} names it in errors. */
    public static JsonNode apply(JsonNode root, JsonNode op, String at) {
        if (!op.isObject()) {
            throw new PatchException(
                    at, "must be an operation object such as {\"op\": \"add\", \"path\": \"/a\", \"value\": 1}");
        }
        String name = text(op, "op", at);
        if (!OPS.contains(name)) {
            throw new PatchException(
                    at + "/op", "must be one of add, remove, replace, move, copy, test, not \"" + name + "\"");
        }
        String path = text(op, "path", at);
        return switch (name) {
            case "add" -> add(root, path, value(op, at));
            case "remove" -> {
                remove(root, path);
                yield root;
            }
            case "replace" -> replace(root, path, value(op, at));
            case "move" -> {
                String from = text(op, "from", at);
                if (!from.equals(path) && path.startsWith(from + "/")) {
                    throw new PatchException(path, "cannot move " + from + " into one of its own children");
                }
                JsonNode moved = from.isEmpty() ? root : remove(root, from);
                yield add(root, path, moved);
            }
            case "copy" -> add(root, path, get(root, text(op, "from", at)).deepCopy());
            case "test" -> {
                if (!get(root, path).equals(value(op, at))) {
                    throw new PatchException(
                            path, "test failed: the value is " + get(root, path) + ", not " + op.get("value"));
                }
                yield root;
            }
            default -> throw new IllegalStateException(name);
        };
    }

    /** RFC 6902 add: sets an object member, inserts into an array ({@code -} appends), or replaces the root. */
    public static JsonNode add(JsonNode root, String path, JsonNode value) {
        JsonPointer p = pointer(path);
        if (p.matches()) {
            return value;
        }
        JsonNode parent = parent(root, p, path);
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            ArrayNode a = (ArrayNode) parent;
            if (last.equals("-")) {
                a.add(value);
            } else {
                int i = index(last, a.size(), true, path);
                a.insert(i, value);
            }
        }
        return root;
    }

    /** RFC 6902 replace: the target must exist. */
    public static JsonNode replace(JsonNode root, String path, JsonNode value) {
        JsonPointer p = pointer(path);
        if (p.matches()) {
            return value;
        }
        get(root, path);
        JsonNode parent = parent(root, p, path);
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            ((ArrayNode) parent).set(index(last, parent.size(), false, path), value);
        }
        return root;
    }

    /** RFC 6902 remove: the target must exist; returns the removed value. */
    public static JsonNode remove(JsonNode root, String path) {
        JsonPointer p = pointer(path);
        if (p.matches()) {
            throw new PatchException(path, "cannot remove the whole document");
        }
        JsonNode removed = get(root, path);
        JsonNode parent = parent(root, p, path);
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else {
            ((ArrayNode) parent).remove(index(last, parent.size(), false, path));
        }
        return removed;
    }

    /** The value at a pointer, which must exist. */
    public static JsonNode get(JsonNode root, String path) {
        JsonNode n = root.at(pointer(path));
        if (n.isMissingNode()) {
            throw new PatchException(path, "does not exist in the document");
        }
        return n;
    }

    private static JsonNode parent(JsonNode root, JsonPointer p, String path) {
        JsonPointer head = p.head();
        JsonNode parent = root.at(head);
        if (parent.isMissingNode()) {
            throw new PatchException(
                    path,
                    "cannot be reached: " + (head.toString().isEmpty() ? "/" : head.toString())
                            + " does not exist in the document");
        }
        if (!parent.isContainerNode()) {
            throw new PatchException(
                    path,
                    "cannot be reached: " + head + " is a "
                            + parent.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                            + ", not an object or array");
        }
        return parent;
    }

    private static int index(String token, int size, boolean allowEnd, String path) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            throw new PatchException(
                    path, "\"" + token + "\" is not an array index" + (allowEnd ? " (use - to append)" : ""));
        }
        int i = Integer.parseInt(token);
        int max = allowEnd ? size : size - 1;
        if (i > max) {
            throw new PatchException(
                    path, "index " + i + " is out of range: the array has " + size + " item" + (size == 1 ? "" : "s"));
        }
        return i;
    }

    public static JsonPointer pointer(String path) {
        try {
            return JsonPointer.compile(path);
        } catch (IllegalArgumentException e) {
            throw new PatchException(path, "is not a JSON Pointer (RFC 6901): it must be empty or start with /");
        }
    }

    private static String text(JsonNode op, String field, String at) {
        JsonNode n = op.get(field);
        if (n == null || !n.isTextual()) {
            throw new PatchException(at + "/" + field, "is required: a string");
        }
        return n.asText();
    }

    private static JsonNode value(JsonNode op, String at) {
        JsonNode n = op.get("value");
        if (n == null) {
            throw new PatchException(
                    at + "/value", "is required for " + op.get("op").asText());
        }
        return n.deepCopy();
    }
}
