package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.internal.load.DocumentReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * in-toto statements as they are shipped: the decoded statement itself, a DSSE envelope
 * ({@code payloadType}, base64 {@code payload}, {@code signatures}), or a Sigstore bundle with a
 * {@code dsseEnvelope}; one per file, or one per line of a {@code .jsonl} file. Signatures are not
 * verified here. A decoded payload is named {@code FILE (payload)} (or {@code FILE (line N payload)}),
 * so a diagnostic's JSON Pointer points into the statement.
 */
final class InToto {
    static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    static final int MAX_LINES = 1000;

    private InToto() {}

    /** The statements of a file, each as an artifact of {@code format}. */
    static List<Artifact> statements(
            byte[] bytes, String file, String format, DocumentReader reader, Problems problems) {
        List<Artifact> out = new ArrayList<>();
        boolean lines = file.toLowerCase(Locale.ROOT).endsWith(".jsonl");
        if (!lines) {
            Artifact a = Artifact.parse(bytes, file, format, Artifact.isYamlName(file), reader, problems);
            if (a != null) {
                unwrap(a, file, format, reader, problems, out);
            }
            return out;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] split = text.split("\n", -1);
        int count = 0;
        for (int i = 0; i < split.length; i++) {
            if (split[i].isBlank()) {
                continue;
            }
            if (++count > MAX_LINES) {
                problems.add(dev.gatehouse.model.Diagnostic.inputAt(
                        dev.gatehouse.model.DiagnosticCode.INPUT_TOO_LARGE,
                        file,
                        i + 1,
                        1,
                        "has more than " + MAX_LINES + " statements"));
                break;
            }
            String label = file + " (line " + (i + 1) + ")";
            Artifact a =
                    Artifact.parse(split[i].getBytes(StandardCharsets.UTF_8), label, format, false, reader, problems);
            if (a != null) {
                unwrap(a, file + " (line " + (i + 1) + " payload)", format, reader, problems, out);
            }
        }
        if (count == 0) {
            problems.add(dev.gatehouse.model.Diagnostic.inputAt(
                    dev.gatehouse.model.DiagnosticCode.SYNTAX_ERROR, file, 0, 0, "the document is empty"));
        }
        return out;
    }

    private static void unwrap(
            Artifact a,
            String payloadLabel,
            String format,
            DocumentReader reader,
            Problems problems,
            List<Artifact> out) {
        Node root = a.root();
        if (!root.value.isObject()) {
            a.error(UNSUPPORTED_ARTIFACT, "", "is not an in-toto statement, DSSE envelope or Sigstore bundle");
            return;
        }
        Node envelope = root.get("dsseEnvelope").present() ? root.get("dsseEnvelope") : root;
        if (!envelope.get("payload").present() && root.get("_type").present()) {
            out.add(a); // the decoded statement
            return;
        }
        if (!envelope.get("payload").present()) {
            a.error(
                    UNSUPPORTED_ARTIFACT,
                    "",
                    "is not an in-toto statement (no _type), DSSE envelope (no payload) "
                            + "or Sigstore bundle (no dsseEnvelope)");
            return;
        }
        Node type = envelope.get("payloadType");
        String t = type.requireText("the payload type");
        String payload = envelope.get("payload").requireText("the statement (base64)");
        if (t == null || payload == null) {
            return;
        }
        if (!t.equals(PAYLOAD_TYPE)) {
            a.error(UNSUPPORTED_ARTIFACT, type.pointer, "must be " + PAYLOAD_TYPE + ", not '" + t + "'");
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            try {
                decoded = Base64.getUrlDecoder().decode(payload);
            } catch (IllegalArgumentException e2) {
                a.error(BAD_FORMAT, envelope.get("payload").pointer, "must be base64: " + e.getMessage());
                return;
            }
        }
        Artifact statement = Artifact.parse(decoded, payloadLabel, format, false, reader, problems);
        if (statement != null) {
            out.add(statement);
        }
    }

    /** Checks a statement's {@code predicateType}; false after reporting another. */
    static boolean predicate(Artifact s, String expected, String what) {
        Node type = s.root().get("predicateType");
        String t = type.requireText("the predicate type");
        if (t == null) {
            return false;
        }
        if (!t.equals(expected)) {
            s.error(UNSUPPORTED_ARTIFACT, type.pointer, "must be " + expected + " (" + what + "), not '" + t + "'");
            return false;
        }
        return true;
    }

    /** The {@code sha256} digests of the subjects, each with its subject node; subjects without one are skipped. */
    static List<Subject> subjects(Artifact s) {
        List<Subject> out = new ArrayList<>();
        for (Node subject : s.root().get("subject").requireArray("the subjects")) {
            Node hex = subject.get("digest").get("sha256");
            if (!hex.present()) {
                continue;
            }
            String h = hex.requireText("the subject's sha256 digest");
            if (h == null) {
                continue;
            }
            if (!Artifact.SHA256_HEX.matcher(h).matches()) {
                s.error(BAD_FORMAT, hex.pointer, "must be 64 lower-case hex characters, not '" + h + "'");
                continue;
            }
            out.add(new Subject(subject.get("name").optText(), "sha256:" + h, subject));
        }
        return out;
    }

    record Subject(String name, String digest, Node node) {}
}
