package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.trust.Keys;
import dev.gatehouse.trust.Malformed;
import dev.gatehouse.trust.RuleBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse bundle build|verify}: signed rule bundles. */
@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        description = "Builds and verifies signed rule bundles.",
        subcommands = {BundleCommand.Build.class, BundleCommand.Verify.class})
final class BundleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a bundle command is required: build, verify");
    }

    /** {@code gatehouse bundle build --rules DIR --key KEY -o FILE}. */
    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "Packs a rulebase (it must compile and be well formed) with a signed manifest into a bundle.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:written",
                "2:bad usage, a key that cannot sign or rules that do not compile",
                "3:internal error"
            })
    static final class Build implements Callable<Integer> {
        @Option(names = "--rules", required = true, paramLabel = "DIR", description = "the rulebase folder")
        Path rules;

        @Option(
                names = "--key",
                required = true,
                paramLabel = "KEY",
                description = "the private key (PEM, PKCS#8) that signs the manifest")
        Path key;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "FILE",
                description = "where the bundle goes")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<Outputs.Input> read =
                    new java.util.ArrayList<>(Outputs.filesUnder("a rulebase file", rules, Integer.MAX_VALUE));
            read.add(new Outputs.Input("the signing key", key));
            Outputs.checkDestination("--output", output, read);
            Keys.SigningKey signing = TrustOptions.signingKey("--key", key);
            PolicyEngine engine =
                    PolicyEngine.builder().rules(rules).build(); // refuses (exit 2) rules that do not compile
            byte[] bundle;
            try {
                bundle = RuleBundles.build(rules, signing);
            } catch (Malformed e) {
                throw new UsageException(e.getMessage());
            } catch (IOException e) {
                throw new UsageException("cannot read the rulebase " + rules + ": " + Outputs.reason(e));
            }
            Path tmp = null;
            try {
                Path dir = output.toAbsolutePath().getParent();
                tmp = Files.createTempFile(dir, ".gatehouse-bundle-", ".tmp");
                Files.write(tmp, bundle);
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    if (tmp != null) {
                        Files.deleteIfExists(tmp);
                    }
                } catch (IOException ignored) {
                    // the message below is the failure that matters
                }
                throw new OutputFailure("the bundle could not be written to " + output + ": " + Outputs.reason(e));
            }
            Outputs.print(
                    spec,
                    output + ": rulebase " + engine.rulebaseDigest() + ", bundle sha256:"
                            + java.util.HexFormat.of().formatHex(sha256(bundle)) + ", signed by " + signing.keyId()
                            + "\n");
            return ExitCode.OK;
        }

        private static byte[] sha256(byte[] b) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(b);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code gatehouse bundle verify --bundle FILE --trust PUB}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Verifies a rule bundle (signature, manifest, files) without compiling it.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:verified",
                "2:refused: unsigned, signed by another key, files that do not match, or bad usage",
                "3:internal error"
            })
    static final class Verify implements Callable<Integer> {
        @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "the rule bundle")
        Path bundle;

        @Option(
                names = "--trust",
                required = true,
                paramLabel = "PUB",
                description =
                        "the public key its signature must verify with; repeat it to accept any of several (key rotation)")
        List<Path> trust;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RuleBundles.Opened opened;
            try {
                opened = RuleBundles.open(
                        bundle,
                        trust.stream()
                                .map(t -> TrustOptions.verificationKey("--trust", t))
                                .toList());
            } catch (Malformed e) {
                throw new UsageException("refusing the rule bundle " + e.getMessage());
            }
            Outputs.print(
                    spec,
                    bundle + ": OK, bundle " + opened.bundleDigest() + ", signed by " + opened.signer() + ", "
                            + opened.files().size() + " files, rulebase " + opened.rulebaseDigest() + "\n");
            return ExitCode.OK;
        }
    }
}
