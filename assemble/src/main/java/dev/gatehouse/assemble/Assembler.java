package dev.gatehouse.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InputLimits;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.assemble.Draft.Doc;
import dev.gatehouse.internal.load.DocumentReader;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import dev.gatehouse.model.FieldSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles a ReleaseEvidence and an EnvironmentReadback from a manifest and the artifacts CI already
 * makes. Immutable; build with {@link #builder()}:
 *
 * <pre>{@code
 * Assembly a = Assembler.builder().manifest(Path.of("release.yaml"))
 *         .trivy(Path.of("trivy.json")).junit(Path.of("surefire.xml")).provenance(Path.of("build.intoto.jsonl"))
 *         .build().assemble();
 * Files.writeString(Path.of("evidence.json"), a.evidenceJson());
 * }</pre>
 *
 * <p>{@link #assemble()} throws {@link InvalidInputException} with every problem at once: an artifact
 * that cannot be read or lacks a field its mapping needs (by file and JSON Pointer, or XML line), two
 * sources that disagree on a single value, and any way the assembled documents break the contract
 * (reported at the artifact a value came from, else at its place in the manifest).
 */
public final class Assembler {
    /** The artifact formats, in the order they are read (the result does not depend on it). */
    public enum Format {
        TRIVY("Trivy"),
        SARIF("SARIF"),
        JUNIT("JUnit XML"),
        CYCLONEDX("CycloneDX"),
        VEX("VEX"),
        PROVENANCE("SLSA provenance"),
        VSA("SLSA VSA"),
        K8S("Kubernetes"),
        ARGOCD("Argo CD"),
        REVIEWS("pull-request reviews");

        final String title;

        Format(String title) {
            this.title = title;
        }
    }

    /** One artifact to read; {@code kind} and {@code environment} only for a VSA (environment may be null). */
    private record Input(Format format, Path path, String kind, String environment) {}

    private static final ObjectMapper MAPPER = dev.gatehouse.internal.json.Json.mapper();

    private final Path manifest;
    private final List<Input> inputs;
    private final Path roles;
    private final InputLimits limits;

    private Assembler(Builder b) {
        this.manifest = b.manifest;
        this.inputs = List.copyOf(b.inputs);
        this.roles = b.roles;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JSON Schema of the manifest ({@code gatehouse schema AssembleManifest}). */
    public static String manifestSchema() {
        return Manifest.schema();
    }

    /** Reads the manifest and every artifact and assembles both documents. */
    public Assembly assemble() {
        Problems problems = new Problems();
        ArtifactFiles files = new ArtifactFiles(limits);
        DocumentReader reader = new DocumentReader(limits.maxInputBytes());
        String manifestFile = manifest.toString();
        byte[] mb = files.read(manifest, manifestFile, problems);
        Artifact m = mb == null
                ? null
                : Artifact.parse(
                        mb,
                        manifestFile,
                        "manifest",
                        !manifestFile.toLowerCase(java.util.Locale.ROOT).endsWith(".json"),
                        reader,
                        problems);
        ObjectNode[] parts = m == null ? null : Manifest.read(m);
        if (parts == null) {
            throw failed(problems);
        }
        Draft draft = new Draft(parts[0], parts[1], manifestFile, problems);
        Map<String, List<String>> roleMap = null;
        if (roles != null) {
            byte[] rb = files.read(roles, roles.toString(), problems);
            Artifact r = rb == null
                    ? null
                    : Artifact.parse(
                            rb, roles.toString(), "roles", Artifact.isYamlName(roles.toString()), reader, problems);
            roleMap = r == null ? null : ReviewsImporter.roles(r);
        }
        List<JUnitImporter.Result> junit = new ArrayList<>();
        for (Input in : inputs) {
            String file = in.path().toString();
            byte[] bytes = files.read(in.path(), file, problems);
            if (bytes == null) {
                continue;
            }
            String title = in.format().title;
            switch (in.format()) {
                case JUNIT -> {
                    JUnitImporter.Result r = JUnitImporter.read(bytes, file, problems);
                    if (r != null) {
                        junit.add(r);
                    }
                }
                case PROVENANCE -> {
                    for (Artifact s : InToto.statements(bytes, file, title, reader, problems)) {
                        ProvenanceImporter.read(s, draft);
                    }
                }
                case VSA -> {
                    String env = in.environment() != null ? in.environment() : origin(draft);
                    if (env == null) {
                        problems.add(Diagnostic.inputAt(
                                DiagnosticCode.MISSING_FIELD,
                                file,
                                0,
                                0,
                                "needs the environment "
                                        + "the verification ran in: name it (--vsa " + in.kind() + "@ENVIRONMENT="
                                        + file
                                        + ") or give /evidence/promotion/from in " + manifestFile));
                        continue;
                    }
                    for (Artifact s : InToto.statements(bytes, file, title, reader, problems)) {
                        VsaImporter.read(s, in.kind(), env, draft);
                    }
                }
                default -> {
                    Artifact a = Artifact.parse(bytes, file, title, Artifact.isYamlName(file), reader, problems);
                    if (a != null) {
                        readJson(in.format(), a, draft, roleMap, manifestFile);
                    }
                }
            }
        }
        if (!junit.isEmpty()) {
            junit.sort(java.util.Comparator.comparing(JUnitImporter.Result::origin, Draft.PLACES));
            // The first failing file decides, else the first that ran a test, else none ran: skipped.
            JUnitImporter.Result decisive = junit.stream()
                    .filter(r -> r.outcome() == JUnitImporter.Outcome.FAILED)
                    .findFirst()
                    .or(() -> junit.stream()
                            .filter(r -> r.outcome() == JUnitImporter.Outcome.PASSED)
                            .findFirst())
                    .orElse(junit.get(0));
            draft.single(
                    Doc.EVIDENCE,
                    "/ci/checks/test",
                    decisive.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    decisive.origin());
        }
        if (!problems.isEmpty()) {
            throw failed(problems);
        }
        draft.finish();
        if (!problems.isEmpty()) {
            throw failed(problems);
        }
        // Validated as any input is; a problem is reported where its value came from.
        try {
            dev.gatehouse.internal.InputReading.fromTrees(
                    draft.doc(Doc.EVIDENCE),
                    "<assembled evidence>",
                    draft.doc(Doc.READBACK),
                    "<assembled readback>",
                    null,
                    limits);
        } catch (InvalidInputException e) {
            for (Diagnostic d : e.diagnostics()) {
                boolean evidence = d.file().equals("<assembled evidence>");
                Doc doc = evidence ? Doc.EVIDENCE : Doc.READBACK;
                problems.add(relocate(d, doc, draft.sources(doc), manifestFile));
            }
            throw failed(problems);
        }
        EvaluationInput input = dev.gatehouse.internal.InputReading.fromTrees(
                draft.doc(Doc.EVIDENCE),
                "<assembled evidence>",
                draft.doc(Doc.READBACK),
                "<assembled readback>",
                null,
                limits);
        JsonNode evidence = clean(MAPPER.valueToTree(input.evidence()));
        JsonNode readback = clean(MAPPER.valueToTree(input.readback()));
        String ej = write(evidence);
        String rj = write(readback);
        for (String[] out : new String[][] {{"evidence", ej}, {"readback", rj}}) {
            int size = out[1].getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (size > limits.maxInputBytes()) {
                problems.add(Diagnostic.inputAt(
                        DiagnosticCode.INPUT_TOO_LARGE,
                        manifestFile,
                        0,
                        0,
                        "the assembled "
                                + out[0] + " would be " + size + " bytes, larger than the limit of "
                                + limits.maxInputBytes()
                                + " bytes for one input (--max-input-size): evaluate would refuse it"));
            }
        }
        if (!problems.isEmpty()) {
            throw failed(problems);
        }
        List<FieldSource> es = input.evidence().sources() == null
                ? List.of()
                : input.evidence().sources();
        List<FieldSource> rs = input.readback().sources() == null
                ? List.of()
                : input.readback().sources();
        return new Assembly(evidence, readback, ej, rj, es, rs);
    }

    private static void readJson(
            Format f, Artifact a, Draft draft, Map<String, List<String>> roles, String manifestFile) {
        switch (f) {
            case TRIVY -> TrivyImporter.read(a, draft);
            case SARIF -> SarifImporter.read(a, draft);
            case CYCLONEDX -> CycloneDxImporter.read(a, draft, true);
            case VEX -> {
                if (a.root.isObject() && CycloneDxImporter.isCycloneDx(a)) {
                    CycloneDxImporter.read(a, draft, false);
                } else {
                    OpenVexImporter.read(a, draft);
                }
            }
            case K8S -> KubernetesImporter.read(a, draft);
            case ARGOCD -> ArgoCdImporter.read(a, draft);
            case REVIEWS -> ReviewsImporter.read(a, roles == null ? Map.of() : roles, draft, manifestFile);
            default -> throw new IllegalStateException("not a JSON format: " + f);
        }
    }

    /** The promotion's origin when it is an environment (not {@code ci}), else null. */
    private static String origin(Draft draft) {
        JsonNode from = draft.at(Doc.EVIDENCE, "/promotion/from");
        return from.isTextual() && !from.textValue().equals("ci") ? from.textValue() : null;
    }

    /**
     * A problem of the assembled document, said where the value came from: the artifact (its pointer)
     * when an imported value holds the field, else the field's place in the manifest.
     */
    static Diagnostic relocate(Diagnostic d, Doc doc, List<FieldSource> sources, String manifestFile) {
        String pointer = d.pointer();
        if (pointer == null) {
            return d.inFile(manifestFile);
        }
        FieldSource best = null;
        for (FieldSource s : sources) {
            if ((pointer.equals(s.field()) || pointer.startsWith(s.field() + "/"))
                    && (best == null || s.field().length() > best.field().length())) {
                best = s;
            }
        }
        if (best == null) {
            return new Diagnostic(
                    d.code(), d.severity(), d.message(), manifestFile, 0, 0, "/" + doc.key + pointer, d.note());
        }
        String message = "gives /" + doc.key + pointer + ", which " + d.message();
        if (best.pointer() != null) {
            return new Diagnostic(d.code(), d.severity(), message, best.file(), 0, 0, best.pointer(), d.note());
        }
        return new Diagnostic(
                d.code(), d.severity(), message, best.file(), best.line() == null ? 0 : best.line(), 0, null, d.note());
    }

    /**
     * Drops the optional fields assemble adds only when it has something to say ({@code sources}, {@code vex},
     * {@code provenance}, and a source's {@code pointer} or {@code line}); no other contract field has these names.
     */
    private static JsonNode clean(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (String optional : new String[] {"sources", "vex", "provenance", "pointer", "line"}) {
                if (o.has(optional) && o.get(optional).isNull()) {
                    o.remove(optional);
                }
            }
        }
        for (JsonNode c : n) {
            clean(c);
        }
        return n;
    }

    static String write(JsonNode n) {
        return dev.gatehouse.internal.json.Json.pretty(n);
    }

    private static InvalidInputException failed(Problems problems) {
        List<Diagnostic> list = new ArrayList<>(problems.list());
        list.sort(Diagnostic.ORDER);
        return new InvalidInputException(list);
    }

    /** Builds an assembler; the manifest is required, every artifact optional and repeatable. */
    public static final class Builder {
        private Path manifest;
        private final List<Input> inputs = new ArrayList<>();
        private Path roles;
        private InputLimits limits = InputLimits.DEFAULT;

        private Builder() {}

        public Builder manifest(Path file) {
            if (manifest != null) {
                throw new IllegalStateException("the manifest was already set to " + manifest);
            }
            this.manifest = Objects.requireNonNull(file, "manifest");
            return this;
        }

        /** Adds an artifact of a format other than VSA. */
        public Builder artifact(Format format, Path file) {
            if (format == Format.VSA) {
                throw new IllegalArgumentException(
                        "a VSA needs the kind of verification it is: use vsa(kind, environment, file)");
            }
            inputs.add(new Input(
                    Objects.requireNonNull(format, "format"), Objects.requireNonNull(file, "file"), null, null));
            return this;
        }

        public Builder trivy(Path file) {
            return artifact(Format.TRIVY, file);
        }

        public Builder sarif(Path file) {
            return artifact(Format.SARIF, file);
        }

        public Builder junit(Path file) {
            return artifact(Format.JUNIT, file);
        }

        public Builder cyclonedx(Path file) {
            return artifact(Format.CYCLONEDX, file);
        }

        public Builder vex(Path file) {
            return artifact(Format.VEX, file);
        }

        public Builder provenance(Path file) {
            return artifact(Format.PROVENANCE, file);
        }

        /**
         * Adds an SLSA VSA as a verification of {@code kind} ({@code uat}, {@code security-review},
         * {@code staging-soak}) in {@code environment} (null: the promotion's origin).
         */
        public Builder vsa(String kind, String environment, Path file) {
            if (kind == null || kind.isBlank()) {
                throw new IllegalArgumentException(
                        "a VSA needs the kind of verification it is (uat, security-review, staging-soak)");
            }
            inputs.add(new Input(Format.VSA, Objects.requireNonNull(file, "file"), kind, environment));
            return this;
        }

        public Builder k8s(Path file) {
            return artifact(Format.K8S, file);
        }

        public Builder argocd(Path file) {
            return artifact(Format.ARGOCD, file);
        }

        /** Pull-request reviews ({@code gh api repos/OWNER/REPO/pulls/N/reviews}); needs {@link #roles(Path)}. */
        public Builder reviews(Path file) {
            return artifact(Format.REVIEWS, file);
        }

        /** The roles file: GitHub login to role(s). */
        public Builder roles(Path file) {
            if (roles != null) {
                throw new IllegalStateException("the roles file was already set to " + roles);
            }
            this.roles = Objects.requireNonNull(file, "roles");
            return this;
        }

        public Builder limits(InputLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Assembler build() {
            if (manifest == null) {
                throw new IllegalStateException(
                        "a manifest is required: what no artifact knows (service, promotion, ...)");
            }
            boolean reviews = inputs.stream().anyMatch(i -> i.format() == Format.REVIEWS);
            if (reviews && roles == null) {
                throw new IllegalStateException(
                        "pull-request reviews need a roles file (login: role) to become approvals");
            }
            if (roles != null && !reviews) {
                throw new IllegalStateException("a roles file was given without pull-request reviews to read it for");
            }
            return new Assembler(this);
        }
    }
}
