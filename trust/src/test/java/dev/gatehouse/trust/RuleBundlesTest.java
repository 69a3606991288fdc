package dev.gatehouse.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.PolicyEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Signed rule bundles: a good one opens and compiles to the same rulebase; every tampered one is refused with its reason. */
class RuleBundlesTest {
    @TempDir
    static Path tmp;

    static TestKeys.Pair key;
    static TestKeys.Pair other;
    static byte[] good;

    @BeforeAll
    static void build() throws Exception {
        key = TestKeys.write(tmp, "bundle", Keys.Algorithm.ED25519);
        other = TestKeys.write(tmp, "other", Keys.Algorithm.ED25519);
        good = RuleBundles.build(TestKeys.root().resolve("rules"), key.signing());
    }

    /** The entries of a zip, in order. */
    static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] changed(Consumer<Map<String, byte[]>> change) throws Exception {
        Map<String, byte[]> e = entries(good);
        change.accept(e);
        return zip(e);
    }

    /** The manifest re-signed by {@code signer} after {@code change}. */
    static byte[] resigned(Keys.SigningKey signer, Consumer<ObjectNode> change) throws Exception {
        return changed(e -> {
            try {
                Dsse.Envelope env = Dsse.parse(e.get(RuleBundles.MANIFEST), "m");
                ObjectNode m = (ObjectNode) Dsse.STRICT.readTree(env.payload());
                change.accept(m);
                e.put(
                        RuleBundles.MANIFEST,
                        Dsse.sign(RuleBundles.PAYLOAD_TYPE, Attestations.jcs(m), signer)
                                .toJson());
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
    }

    /** Rewrites every occurrence of a name's bytes (local header and central directory) to another of equal length. */
    static byte[] rename(byte[] zip, String from, String to) {
        byte[] out = zip.clone();
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
            }
        }
        return out;
    }

    /** Marks a central directory entry as a Unix symlink (version made by: Unix; mode 0120777). */
    static byte[] symlink(byte[] zip, String name) {
        byte[] out = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 46 < out.length; i++) {
            if (b.getInt(i) == 0x02014b50
                    && b.getShort(i + 28) == n.length
                    && java.util.Arrays.equals(out, i + 46, i + 46 + n.length, n, 0, n.length)) {
                b.putShort(i + 4, (short) ((3 << 8) | 20));
                b.putInt(i + 38, 0120777 << 16);
            }
        }
        return out;
    }

    @Test
    void aGoodBundleOpensAndCompilesToTheSameRulebase() throws Exception {
        RuleBundles.Opened o = RuleBundles.open(good, "rules.bundle", key.verification());
        assertEquals(key.verification().keyId(), o.signer());
        assertEquals(Attestations.sha256(good), o.bundleDigest());
        PolicyEngine fromFolder = TestKeys.engine();
        PolicyEngine fromBundle = o.engine(PolicyEngine.builder(), "rules.bundle");
        assertEquals(
                PolicyEngine.builder()
                        .rules(TestKeys.root().resolve("rules"))
                        .build()
                        .rulebaseDigest(),
                fromBundle.rulebaseDigest());
        assertEquals(
                fromFolder.evaluate(TestKeys.workedInput(), TestKeys.AT).violations(),
                fromBundle.evaluate(TestKeys.workedInput(), TestKeys.AT).violations());
        assertArrayEquals(
                good,
                RuleBundles.build(TestKeys.root().resolve("rules"), key.signing()),
                "Ed25519 bundles are deterministic");
    }

    @Test
    void insecureSkipVerifyOpensABundleOfAnotherKeyAndSaysSo() throws Exception {
        RuleBundles.Opened o = RuleBundles.open(good, "rules.bundle", List.of());
        assertNull(o.signer());
        assertTrue(o.insecureSkipVerify());
        assertTrue(o.provenance().insecureSkipVerify());
    }

    @TestFactory
    Stream<DynamicTest> everyTamperedBundleIsRefusedWithItsReason() throws Exception {
        byte[] changedRule = changed(e -> e.put(
                "rules/security.drl",
                (new String(e.get("rules/security.drl"), StandardCharsets.UTF_8) + "\n// one more line\n")
                        .getBytes(StandardCharsets.UTF_8)));
        String changedSha =
                Attestations.hex(Attestations.sha256(entries(changedRule).get("rules/security.drl")));
        String goodSha = Attestations.hex(Attestations.sha256(entries(good).get("rules/security.drl")));
        int goodSize = entries(good).get("rules/security.drl").length;
        int changedSize = entries(changedRule).get("rules/security.drl").length;
        record Case(String name, byte[] bundle, String message) {}
        List<Case> cases = List.of(
                new Case(
                        "unsigned: its signatures removed",
                        changed(e -> {
                            try {
                                Dsse.Envelope env = Dsse.parse(e.get(RuleBundles.MANIFEST), "m");
                                e.put(
                                        RuleBundles.MANIFEST,
                                        new Dsse.Envelope(env.payloadType(), env.payload(), List.of()).toJson());
                            } catch (Malformed x) {
                                throw new IllegalStateException(x);
                            }
                        }),
                        "rules.bundle: not signed by the trusted key: the envelope is unsigned (no signatures)"),
                new Case(
                        "unsigned: no manifest",
                        changed(e -> e.remove(RuleBundles.MANIFEST)),
                        "rules.bundle: unsigned: it has no manifest.dsse.json"),
                new Case(
                        "signed by another key",
                        resigned(other.signing(), m -> {}),
                        "rules.bundle: not signed by the trusted key: no signature verifies with key "
                                + key.verification().keyId() + ": signed by "
                                + other.verification().keyId()),
                new Case(
                        "a changed file",
                        changedRule,
                        "rules.bundle: file security.drl does not match the manifest: its sha256 is " + changedSha
                                + " (" + changedSize + " bytes), the manifest says " + goodSha + " (" + goodSize
                                + " bytes)"),
                new Case(
                        "an extra file",
                        changed(e -> e.put("rules/zz.drl", "package x;".getBytes(StandardCharsets.UTF_8))),
                        "rules.bundle: file zz.drl is not in the manifest"),
                new Case(
                        "a missing file",
                        changed(e -> e.remove("rules/security.drl")),
                        "rules.bundle: file security.drl of the manifest is missing"),
                new Case(
                        "an entry outside rules/",
                        changed(e -> e.put("README", new byte[0])),
                        "rules.bundle: entry README is not in the manifest (only manifest.dsse.json and rules/... belong in a bundle)"),
                new Case(
                        "path traversal",
                        changed(e -> e.put("rules/../../evil.drl", new byte[0])),
                        "rules.bundle: entry rules/../../evil.drl leaves its folder (..)"),
                new Case(
                        "an absolute path",
                        changed(e -> e.put("/etc/cron.d/evil", new byte[0])),
                        "rules.bundle: entry /etc/cron.d/evil has an absolute path"),
                new Case(
                        "a backslash path",
                        changed(e -> e.put("rules\\..\\evil.drl", new byte[0])),
                        "rules.bundle: entry rules\\..\\evil.drl has an absolute path"),
                new Case(
                        "a symlink",
                        symlink(good, "rules/security.drl"),
                        "rules.bundle: entry rules/security.drl is a symlink"),
                new Case(
                        "a duplicate entry",
                        rename(
                                changed(e -> e.put("rules/zz.drl", e.get("rules/ci.drl"))),
                                "rules/zz.drl",
                                "rules/ci.drl"),
                        "rules.bundle: entry rules/ci.drl is in the bundle twice"),
                new Case(
                        "a zip bomb",
                        changed(e -> e.put("rules/big.drl", new byte[RuleBundles.MAX_ENTRY_BYTES + 1])),
                        "rules.bundle: entry rules/big.drl is larger than 4194304 bytes uncompressed (a zip bomb?)"),
                new Case(
                        "a folder entry",
                        changed(e -> e.put("rules/sub/", new byte[0])),
                        "rules.bundle: entry rules/sub/ is a folder"),
                new Case(
                        "not a zip",
                        "PK but not a zip".getBytes(StandardCharsets.UTF_8),
                        "rules.bundle: not a zip (no end of central directory)"),
                new Case(
                        "a manifest for a later engine",
                        resigned(
                                key.signing(),
                                m -> ((ObjectNode) m.get("engine"))
                                        .put("atLeast", "9.0.0")
                                        .put("below", "10.0.0")),
                        "rules.bundle: it needs an engine at least 9.0.0 and below 10.0.0; this is "
                                + PolicyEngine.version()),
                new Case(
                        "a manifest whose rulebase digest lies",
                        resigned(key.signing(), m -> m.put("rulebaseDigest", "sha256:" + "0".repeat(64))),
                        "rules.bundle: the files' rulebase digest is "
                                + RuleBundles.open(good, "x", List.of()).rulebaseDigest()
                                + ", the manifest says sha256:" + "0".repeat(64)));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Malformed m = assertThrows(
                            Malformed.class, () -> RuleBundles.open(c.bundle(), "rules.bundle", key.verification()));
                    assertEquals(c.message(), m.getMessage());
                }));
    }
}
