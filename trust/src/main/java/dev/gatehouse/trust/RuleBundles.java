package dev.gatehouse.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.RulebaseException;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.PromotionDecision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Signed rule bundles: a zip of a rulebase's files ({@code rules/<path>}: every {@code *.drl}, {@code enforcement.csv},
 * {@code settings.csv}) and {@value #MANIFEST}, a DSSE envelope ({@value #PAYLOAD_TYPE}) whose payload is the
 * manifest:
 *
 * <pre>{@code
 * {"apiVersion": "gatehouse/v1", "kind": "RuleBundle", "engine": {"atLeast": "0.1.0", "below": "0.2.0"},
 *  "files": [{"path": "access.drl", "sha256": "<hex>", "size": 1234}, ...], "rulebaseDigest": "sha256:<hex>"}
 * }</pre>
 *
 * {@link #open} verifies a bundle before anything in it is compiled: the zip is read within limits (size, entries,
 * each entry's and all entries' uncompressed bytes), every entry name is a plain relative path (no {@code ..}, no
 * absolute path, no backslash), no entry is a symlink, a folder, encrypted or listed twice, the central directory
 * and the entries agree, the manifest's signature verifies with the trusted key, and the files are exactly the
 * manifest's (none extra, none missing, each with its sha256 and size), whose rulebase digest is the manifest's.
 * Every refusal is a {@link Malformed} naming the bundle (exit 2).
 */
public final class RuleBundles {
    public static final String MANIFEST = "manifest.dsse.json";
    public static final String PAYLOAD_TYPE = "application/vnd.gatehouse.rule-bundle+json";
    public static final String PREFIX = "rules/";
    public static final int MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
    public static final int MAX_ENTRIES = 1000;
    public static final int MAX_ENTRY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_TOTAL_BYTES = 32 * 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$");
    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private RuleBundles() {}

    /** A verified bundle: its files (rulebase-relative paths), digest, signer, and the manifest's rulebase digest. */
    public record Opened(
            SortedMap<String, byte[]> files,
            String bundleDigest,
            String signer,
            boolean insecureSkipVerify,
            String rulebaseDigest) {
        public Opened {
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        }

        /** What the decision's provenance records about the bundle. */
        public PromotionDecision.Bundle provenance() {
            return new PromotionDecision.Bundle(bundleDigest, signer, insecureSkipVerify);
        }

        /**
         * Builds an engine from the bundle's files (written to a private temporary folder, removed again once
         * compiled). Diagnostics name the files as {@code <bundle>!/<path>}.
         */
        public PolicyEngine engine(PolicyEngine.Builder builder, String bundleLabel) throws IOException {
            Path dir = Files.createTempDirectory("gatehouse-bundle-");
            try {
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the default permissions of a temporary folder are the best this file system offers
                }
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path target = dir.resolve(f.getKey()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IllegalStateException(
                                "a bundle path left its folder: " + f.getKey()); // checked in open
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, f.getValue());
                }
                PolicyEngine engine;
                try {
                    engine = builder.rules(dir).build();
                } catch (RulebaseException e) {
                    String prefix = dir.toString();
                    List<Diagnostic> renamed = e.diagnostics().stream()
                            .map(d -> d.file() != null && d.file().startsWith(prefix)
                                    ? new Diagnostic(
                                            d.code(),
                                            d.severity(),
                                            d.message().replace(prefix, bundleLabel + "!"),
                                            bundleLabel + "!" + d.file().substring(prefix.length()),
                                            d.line(),
                                            d.column(),
                                            d.pointer(),
                                            d.note())
                                    : d)
                            .toList();
                    throw new RulebaseException(renamed);
                }
                if (!engine.rulebaseDigest().equals(rulebaseDigest)) {
                    throw new IllegalStateException("the engine's rulebase digest " + engine.rulebaseDigest()
                            + " is not the verified bundle's " + rulebaseDigest);
                }
                return engine;
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** Builds a signed bundle of a rulebase folder: the zip's bytes (deterministic for Ed25519). */
    public static byte[] build(Path rulesDir, Keys.SigningKey key) throws IOException, Malformed {
        SortedMap<String, byte[]> files = collect(rulesDir);
        ObjectNode manifest = Dsse.STRICT.createObjectNode();
        manifest.put("apiVersion", "gatehouse/v1");
        manifest.put("kind", "RuleBundle");
        String version = PolicyEngine.version();
        ObjectNode engine = manifest.putObject("engine");
        engine.put("atLeast", version);
        engine.put("below", nextBreaking(version));
        ArrayNode list = manifest.putArray("files");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            list.addObject()
                    .put("path", f.getKey())
                    .put("sha256", Attestations.hex(Attestations.sha256(f.getValue())))
                    .put("size", f.getValue().length);
        }
        manifest.put("rulebaseDigest", rulebaseDigest(files));
        byte[] envelope =
                Dsse.sign(PAYLOAD_TYPE, Attestations.jcs(manifest), key).toJson();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            put(zip, MANIFEST, envelope);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                put(zip, PREFIX + f.getKey(), f.getValue());
            }
        }
        return out.toByteArray();
    }

    /** Reads and verifies a bundle file ({@code key} null: --insecure-skip-verify, the signature is not checked). */
    public static Opened open(Path bundle, Keys.VerificationKey key) throws Malformed {
        return open(bundle, key == null ? List.of() : List.of(key));
    }

    /**
     * Reads and verifies a bundle file signed by one of {@code keys} (several while the rules key is rotated; none:
     * --insecure-skip-verify, the signature is not checked).
     */
    public static Opened open(Path bundle, List<Keys.VerificationKey> keys) throws Malformed {
        String label = bundle.toString();
        if (!Files.isRegularFile(bundle)) {
            throw new Malformed(label, null, Files.exists(bundle) ? "not a regular file" : "no such file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(bundle)) {
            bytes = in.readNBytes(MAX_BUNDLE_BYTES + 1);
        } catch (IOException e) {
            throw new Malformed(label, null, "cannot read: " + e.getMessage());
        }
        return open(bytes, label, keys);
    }

    /** {@link #open(Path, Keys.VerificationKey)} of a bundle's bytes. */
    public static Opened open(byte[] bytes, String label, Keys.VerificationKey key) throws Malformed {
        return open(bytes, label, key == null ? List.of() : List.of(key));
    }

    /** {@link #open(Path, List)} of a bundle's bytes. */
    public static Opened open(byte[] bytes, String label, List<Keys.VerificationKey> keys) throws Malformed {
        if (bytes.length > MAX_BUNDLE_BYTES) {
            throw new Malformed(label, null, "larger than " + MAX_BUNDLE_BYTES + " bytes: not a rule bundle");
        }
        List<String> central = centralDirectory(bytes, label);
        SortedMap<String, byte[]> entries = new TreeMap<>();
        List<String> local = new ArrayList<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                checkName(name, label);
                if (local.size() >= MAX_ENTRIES) {
                    throw new Malformed(label, null, "more than " + MAX_ENTRIES + " entries");
                }
                if (entries.containsKey(name)) {
                    throw new Malformed(label, null, "entry " + name + " is in the bundle twice");
                }
                local.add(name);
                byte[] content = zip.readNBytes(MAX_ENTRY_BYTES + 1);
                if (content.length > MAX_ENTRY_BYTES) {
                    throw new Malformed(
                            label,
                            null,
                            "entry " + name + " is larger than " + MAX_ENTRY_BYTES
                                    + " bytes uncompressed (a zip bomb?)");
                }
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new Malformed(
                            label,
                            null,
                            "its entries are larger than " + MAX_TOTAL_BYTES
                                    + " bytes uncompressed all together (a zip bomb?)");
                }
                entries.put(name, content);
            }
        } catch (ZipException e) {
            throw new Malformed(label, null, "not a valid zip: " + e.getMessage());
        } catch (IOException e) {
            throw new Malformed(label, null, "cannot read the zip: " + e.getMessage());
        }
        if (!local.equals(central)) {
            throw new Malformed(
                    label,
                    null,
                    "its central directory lists " + central + " but its entries are " + local
                            + ": a zip that two readers would read differently");
        }
        byte[] envelopeBytes = entries.remove(MANIFEST);
        if (envelopeBytes == null) {
            throw new Malformed(label, null, "unsigned: it has no " + MANIFEST);
        }
        Dsse.Envelope envelope = Dsse.parse(envelopeBytes, label + "!/" + MANIFEST);
        if (!envelope.payloadType().equals(PAYLOAD_TYPE)) {
            throw new Malformed(
                    label + "!/" + MANIFEST, "/payloadType", "is " + envelope.payloadType() + ", not " + PAYLOAD_TYPE);
        }
        String signer = null;
        if (!keys.isEmpty()) {
            Dsse.Verified v = Dsse.verify(envelope, keys);
            if (!v.ok()) {
                throw new Malformed(label, null, "not signed by the trusted key: " + v.problem());
            }
            signer = v.keyId();
        }
        Manifest m = manifest(envelope.payload(), label + "!/" + MANIFEST);
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                throw new Malformed(
                        label,
                        null,
                        "entry " + e.getKey() + " is not in the manifest (only " + MANIFEST + " and " + PREFIX
                                + "... belong in a bundle)");
            }
            files.put(e.getKey().substring(PREFIX.length()), e.getValue());
        }
        for (Map.Entry<String, ManifestFile> f : m.files().entrySet()) {
            byte[] content = files.get(f.getKey());
            if (content == null) {
                throw new Malformed(label, null, "file " + f.getKey() + " of the manifest is missing");
            }
            String sha = Attestations.hex(Attestations.sha256(content));
            if (!sha.equals(f.getValue().sha256())
                    || content.length != f.getValue().size()) {
                throw new Malformed(
                        label,
                        null,
                        "file " + f.getKey() + " does not match the manifest: its sha256 is " + sha
                                + " (" + content.length + " bytes), the manifest says "
                                + f.getValue().sha256() + " ("
                                + f.getValue().size() + " bytes)");
            }
        }
        for (String path : files.keySet()) {
            if (!m.files().containsKey(path)) {
                throw new Malformed(label, null, "file " + path + " is not in the manifest");
            }
        }
        String digest = rulebaseDigest(files);
        if (!digest.equals(m.rulebaseDigest())) {
            throw new Malformed(
                    label,
                    null,
                    "the files' rulebase digest is " + digest + ", the manifest says " + m.rulebaseDigest());
        }
        String version = PolicyEngine.version();
        if (compare(version, m.atLeast()) < 0 || compare(version, m.below()) >= 0) {
            throw new Malformed(
                    label,
                    null,
                    "it needs an engine at least " + m.atLeast() + " and below " + m.below() + "; this is " + version);
        }
        return new Opened(files, Attestations.sha256(bytes), signer, keys.isEmpty(), digest);
    }

    /**
     * The rulebase digest of files (rulebase-relative path to bytes): sha256 over, in path order, each path, a NUL,
     * its length in decimal, a NUL and its bytes (what provenance's rulebaseDigest is).
     */
    public static String rulebaseDigest(SortedMap<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(f.getValue().length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record ManifestFile(String sha256, long size) {}

    private record Manifest(
            SortedMap<String, ManifestFile> files, String rulebaseDigest, String atLeast, String below) {}

    private static Manifest manifest(byte[] payload, String label) throws Malformed {
        JsonNode m;
        try {
            m = Dsse.STRICT.readTree(payload);
        } catch (IOException e) {
            throw new Malformed(label, "/payload", "the manifest is not JSON: " + Dsse.firstLine(e));
        }
        if (m == null || !m.isObject()) {
            throw new Malformed(label, "/payload", "the manifest is not a JSON object");
        }
        if (!"gatehouse/v1".equals(m.path("apiVersion").asText())
                || !"RuleBundle".equals(m.path("kind").asText())) {
            throw new Malformed(label, "/payload", "the manifest is not a gatehouse/v1 RuleBundle");
        }
        String atLeast = m.at("/engine/atLeast").asText("");
        String below = m.at("/engine/below").asText("");
        if (version(atLeast) == null || version(below) == null) {
            throw new Malformed(
                    label, "/payload", "the manifest's engine range is not {\"atLeast\": X.Y.Z, \"below\": X.Y.Z}");
        }
        String digest = m.path("rulebaseDigest").asText("");
        if (!digest.matches("^sha256:[0-9a-f]{64}$")) {
            throw new Malformed(label, "/payload", "the manifest's rulebaseDigest is not sha256:<64 hex>");
        }
        JsonNode list = m.path("files");
        if (!list.isArray() || list.size() > MAX_ENTRIES) {
            throw new Malformed(label, "/payload", "the manifest's files are not a list of at most " + MAX_ENTRIES);
        }
        SortedMap<String, ManifestFile> files = new TreeMap<>();
        for (JsonNode f : list) {
            String path = f.path("path").asText("");
            String sha = f.path("sha256").asText("");
            if (!NAME.matcher(path).matches()
                    || !rulebaseFile(path)
                    || !sha.matches("^[0-9a-f]{64}$")
                    || !f.path("size").canConvertToLong()
                    || files.put(path, new ManifestFile(sha, f.path("size").asLong())) != null) {
                throw new Malformed(
                        label,
                        "/payload",
                        "the manifest's file entry " + f + " is not a rulebase file {path, sha256, size}"
                                + " listed once");
            }
        }
        return new Manifest(files, digest, atLeast, below);
    }

    /** Names of the central directory, in order, refusing symlinks, folders, encrypted entries and zip64. */
    private static List<String> centralDirectory(byte[] zip, String label) throws Malformed {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new Malformed(label, null, "not a zip (no end of central directory)");
        }
        int disk = Short.toUnsignedInt(b.getShort(eocd + 4));
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        long size = Integer.toUnsignedLong(b.getInt(eocd + 12));
        long offset = Integer.toUnsignedLong(b.getInt(eocd + 16));
        if (disk != 0 || count == 0xFFFF || offset == 0xFFFFFFFFL) {
            throw new Malformed(label, null, "a multi-disk or zip64 archive: not a rule bundle");
        }
        if (count > MAX_ENTRIES) {
            throw new Malformed(label, null, "more than " + MAX_ENTRIES + " entries");
        }
        if (offset + size > eocd) {
            throw new Malformed(label, null, "not a valid zip: its central directory lies outside the file");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int p = (int) offset;
        for (int i = 0; i < count; i++) {
            if (p + 46 > eocd || b.getInt(p) != 0x02014b50) {
                throw new Malformed(label, null, "not a valid zip: central directory entry " + i + " is malformed");
            }
            int madeBy = Short.toUnsignedInt(b.getShort(p + 4)) >>> 8;
            int flags = Short.toUnsignedInt(b.getShort(p + 8));
            int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
            int extra = Short.toUnsignedInt(b.getShort(p + 30));
            int comment = Short.toUnsignedInt(b.getShort(p + 32));
            long external = Integer.toUnsignedLong(b.getInt(p + 38));
            if (p + 46 + nameLength > eocd) {
                throw new Malformed(label, null, "not a valid zip: central directory entry " + i + " is malformed");
            }
            String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
            checkName(name, label);
            if ((flags & 1) != 0) {
                throw new Malformed(label, null, "entry " + name + " is encrypted");
            }
            int mode = (int) (external >>> 16) & 0170000;
            if (madeBy == 3 && mode == 0120000) {
                throw new Malformed(label, null, "entry " + name + " is a symlink");
            }
            if (madeBy == 3 && mode != 0 && mode != 0100000) {
                throw new Malformed(label, null, "entry " + name + " is not a regular file");
            }
            if (!seen.add(name)) {
                throw new Malformed(label, null, "entry " + name + " is in the bundle twice");
            }
            names.add(name);
            p += 46 + nameLength + extra + comment;
        }
        return names;
    }

    private static void checkName(String name, String label) throws Malformed {
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new Malformed(label, null, "entry " + name + " has an absolute path");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new Malformed(label, null, "entry " + name + " leaves its folder (" + segment + ")");
            }
        }
        if (name.endsWith("/")) {
            throw new Malformed(label, null, "entry " + name + " is a folder");
        }
        if (!NAME.matcher(name).matches()) {
            throw new Malformed(
                    label,
                    null,
                    "entry " + name.replaceAll("[^\\x20-\\x7e]", "?")
                            + " is not a plain path (letters, digits, '.', '_', '-' and '/')");
        }
    }

    private static boolean rulebaseFile(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return !base.startsWith(".")
                && (base.endsWith(".drl") || path.equals("enforcement.csv") || path.equals("settings.csv"));
    }

    /** The rulebase files of a folder, as the engine selects them; symlinks and oversized files are refused. */
    private static SortedMap<String, byte[]> collect(Path dir) throws IOException, Malformed {
        if (!Files.isDirectory(dir)) {
            throw new Malformed(dir.toString(), null, "not a folder");
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted().toList();
        }
        long total = 0;
        for (Path p : paths) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            if (rel.isEmpty() || !rulebaseFile(rel)) {
                continue;
            }
            if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new Malformed(
                        p.toString(), null, "not a regular file (a bundle holds real files, never symlinks)");
            }
            if (!NAME.matcher(rel).matches()) {
                throw new Malformed(p.toString(), null, "not a plain path (letters, digits, '.', '_', '-' and '/')");
            }
            byte[] content = Files.readAllBytes(p);
            total += content.length;
            if (content.length > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) {
                throw new Malformed(p.toString(), null, "larger than a bundle may hold");
            }
            files.put(rel, content);
        }
        if (files.isEmpty()) {
            throw new Malformed(dir.toString(), null, "no rulebase files (*.drl, enforcement.csv, settings.csv)");
        }
        return files;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(EPOCH);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    private static int[] version(String v) {
        java.util.regex.Matcher m = Pattern.compile("^([0-9]{1,6})\\.([0-9]{1,6})\\.([0-9]{1,6})([-+].*)?$")
                .matcher(v);
        return m.matches()
                ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))}
                : null;
    }

    private static int compare(String a, String b) {
        int[] x = version(a);
        int[] y = version(b);
        if (x == null || y == null) {
            return a.equals(b) ? 0 : -1; // an engine without a version ("unknown") is below every range
        }
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    /** The first version with a breaking change after {@code v}: the next minor before 1.0, else the next major. */
    static String nextBreaking(String v) {
        int[] x = version(v);
        if (x == null) {
            throw new IllegalStateException(
                    "the engine has no version (" + v + "): cannot say which engines a bundle needs");
        }
        return x[0] == 0 ? "0." + (x[1] + 1) + ".0" : (x[0] + 1) + ".0.0";
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind holds only a copy of verified rule files
        }
    }
}
