package dev.gatehouse.cli;

import dev.gatehouse.trust.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading keys and signed files for the trust options (--signing-key, --key, --trust, --log-key): exit 2 when unusable. */
final class TrustOptions {
    private TrustOptions() {}

    static Keys.SigningKey signingKey(String option, Path file) {
        try {
            return Keys.readSigningKey(file);
        } catch (Keys.KeyException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /**
     * The signer of a decision log's lines: each line signed with the key in {@code keyFile} over the chain head, in
     * the chain {@code chain} ({@code chainOption} names the option that gave it, for the message).
     */
    static dev.gatehouse.log.DecisionLog.Sealer logSealer(
            String keyOption, Path keyFile, String chainOption, String chain) {
        Keys.SigningKey key = signingKey(keyOption, keyFile);
        String checked;
        try {
            checked = dev.gatehouse.trust.LogSignatures.checkChain(chain);
        } catch (IllegalArgumentException e) {
            throw new UsageException(chainOption + ": " + e.getMessage());
        }
        return new dev.gatehouse.log.DecisionLog.Sealer() {
            @Override
            public String chain() {
                return checked;
            }

            @Override
            public java.util.Map<String, String> seal(byte[] unsealed) {
                return dev.gatehouse.trust.LogSignatures.seal(unsealed, key);
            }
        };
    }

    static Keys.VerificationKey verificationKey(String option, Path file) {
        try {
            return Keys.readVerificationKey(file);
        } catch (Keys.KeyException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** A regular file's bytes, at most {@code max} (exit 2 otherwise, naming the file). */
    static byte[] readFile(Path file, int max, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(
                    file + ": " + (Files.exists(file) ? "not a regular file" : "no such file") + " (" + what + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new UsageException(file + ": larger than " + max + " bytes (" + what + ")");
            }
            return bytes;
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + Outputs.reason(e));
        }
    }
}
