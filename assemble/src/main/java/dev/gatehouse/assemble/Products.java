package dev.gatehouse.assemble;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Image digests in the ways VEX and SBOM documents name a product. */
final class Products {
    private Products() {}

    /**
     * The {@code sha256:} digest a product identifier names, or null: a digest itself, an OCI package URL
     * ({@code pkg:oci/nginx@sha256%3A...}, the version being the digest) or any reference ending in
     * {@code @sha256:...}.
     */
    static String digest(String id) {
        if (id == null) {
            return null;
        }
        String s = id.strip();
        if (Artifact.DIGEST.matcher(s).matches()) {
            return s;
        }
        if (s.startsWith("pkg:")) {
            int q = indexOfAny(s, '?', '#');
            String path = q < 0 ? s : s.substring(0, q);
            int at = path.lastIndexOf('@');
            if (at < 0) {
                return null;
            }
            String version;
            try {
                version = URLDecoder.decode(path.substring(at + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            return Artifact.DIGEST.matcher(version).matches() ? version : null;
        }
        int at = s.lastIndexOf('@');
        String tail = at < 0 ? null : s.substring(at + 1);
        return tail != null && Artifact.DIGEST.matcher(tail).matches() ? tail : null;
    }

    /** The digest of a {@code sha-256}/{@code sha256} hash value given as hex, or null. */
    static String fromHex(String hex) {
        return hex != null && Artifact.SHA256_HEX.matcher(hex.strip()).matches() ? "sha256:" + hex.strip() : null;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
