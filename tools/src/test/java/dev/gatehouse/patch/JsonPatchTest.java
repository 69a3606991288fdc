package dev.gatehouse.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The six RFC 6902 operations, and their failures, on a small document. */
class JsonPatchTest {
    private static final String DOC = "{\"a\":{\"b\":1},\"list\":[\"x\",\"y\"]}";

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of(
                        "add member",
                        "{\"op\":\"add\",\"path\":\"/a/c\",\"value\":2}",
                        "{\"a\":{\"b\":1,\"c\":2},\"list\":[\"x\",\"y\"]}"),
                Arguments.of(
                        "add replaces member",
                        "{\"op\":\"add\",\"path\":\"/a/b\",\"value\":3}",
                        "{\"a\":{\"b\":3},\"list\":[\"x\",\"y\"]}"),
                Arguments.of(
                        "add inserts at index",
                        "{\"op\":\"add\",\"path\":\"/list/1\",\"value\":\"z\"}",
                        "{\"a\":{\"b\":1},\"list\":[\"x\",\"z\",\"y\"]}"),
                Arguments.of(
                        "add appends with -",
                        "{\"op\":\"add\",\"path\":\"/list/-\",\"value\":\"z\"}",
                        "{\"a\":{\"b\":1},\"list\":[\"x\",\"y\",\"z\"]}"),
                Arguments.of(
                        "add at the end index",
                        "{\"op\":\"add\",\"path\":\"/list/2\",\"value\":\"z\"}",
                        "{\"a\":{\"b\":1},\"list\":[\"x\",\"y\",\"z\"]}"),
                Arguments.of("add root", "{\"op\":\"add\",\"path\":\"\",\"value\":[]}", "[]"),
                Arguments.of(
                        "remove member", "{\"op\":\"remove\",\"path\":\"/a/b\"}", "{\"a\":{},\"list\":[\"x\",\"y\"]}"),
                Arguments.of(
                        "remove item",
                        "{\"op\":\"remove\",\"path\":\"/list/0\"}",
                        "{\"a\":{\"b\":1},\"list\":[\"y\"]}"),
                Arguments.of(
                        "replace item",
                        "{\"op\":\"replace\",\"path\":\"/list/1\",\"value\":true}",
                        "{\"a\":{\"b\":1},\"list\":[\"x\",true]}"),
                Arguments.of(
                        "move",
                        "{\"op\":\"move\",\"from\":\"/a/b\",\"path\":\"/list/0\"}",
                        "{\"a\":{},\"list\":[1,\"x\",\"y\"]}"),
                Arguments.of(
                        "copy",
                        "{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"}",
                        "{\"a\":{\"b\":1},\"list\":[\"x\",\"y\"],\"c\":{\"b\":1}}"),
                Arguments.of("test passes", "{\"op\":\"test\",\"path\":\"/list/0\",\"value\":\"x\"}", DOC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void whenAnOperationAppliesThenTheDocumentIsChangedAsRfc6902Says(String name, String op, String expected)
            throws Exception {
        JsonNode out = JsonPatch.apply(tree(DOC), tree(op), "/0");
        assertEquals(tree(expected), out);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("{\"op\":\"remove\",\"path\":\"/a/zz\"}", "/a/zz", "does not exist in the document"),
                Arguments.of(
                        "{\"op\":\"replace\",\"path\":\"/list/2\",\"value\":1}",
                        "/list/2",
                        "does not exist in the document"),
                Arguments.of(
                        "{\"op\":\"add\",\"path\":\"/list/3\",\"value\":1}",
                        "/list/3",
                        "index 3 is out of range: the array has 2 items"),
                Arguments.of(
                        "{\"op\":\"add\",\"path\":\"/list/x\",\"value\":1}",
                        "/list/x",
                        "\"x\" is not an array index (use - to append)"),
                Arguments.of(
                        "{\"op\":\"add\",\"path\":\"/q/r\",\"value\":1}",
                        "/q/r",
                        "cannot be reached: /q does not exist in the document"),
                Arguments.of(
                        "{\"op\":\"add\",\"path\":\"/a/b/c\",\"value\":1}",
                        "/a/b/c",
                        "cannot be reached: /a/b is a number, not an object or array"),
                Arguments.of(
                        "{\"op\":\"test\",\"path\":\"/a/b\",\"value\":2}",
                        "/a/b",
                        "test failed: the value is 1, not 2"),
                Arguments.of(
                        "{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b\"}",
                        "/a/b",
                        "cannot move /a into one of its own children"),
                Arguments.of(
                        "{\"op\":\"frob\",\"path\":\"/a\"}",
                        "/0/op",
                        "must be one of add, remove, replace, move, copy, test, not \"frob\""),
                Arguments.of("{\"op\":\"add\",\"path\":\"/a\"}", "/0/value", "is required for add"),
                Arguments.of(
                        "{\"op\":\"add\",\"path\":\"a\",\"value\":1}",
                        "a",
                        "is not a JSON Pointer (RFC 6901): it must be empty or start with /"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void whenAnOperationCannotApplyThenItNamesThePointerAndWhy(String op, String pointer, String message)
            throws Exception {
        PatchException e = assertThrows(PatchException.class, () -> JsonPatch.apply(tree(DOC), tree(op), "/0"));
        assertEquals(pointer + ": " + message, e.pointer() + ": " + e.getMessage());
    }

    private static JsonNode tree(String json) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    }
}
