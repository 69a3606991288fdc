package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.trust.Keys;
import dev.gatehouse.trust.Malformed;
import dev.gatehouse.trust.RuleBundles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --bundle FILE --trust PUB [--insecure-skip-verify]}: the rulebase from a signed rule bundle, verified before
 * anything in it is compiled (a picocli mixin of evaluate, test and replay).
 */
final class BundleOptions {
    @Option(
            names = "--bundle",
            paramLabel = "FILE",
            description = "the rulebase from a signed rule bundle (gatehouse bundle build),"
                    + " instead of --rules; needs --trust")
    Path bundle;

    @Option(
            names = "--trust",
            paramLabel = "PUB",
            description = "the public key (PEM, SPKI) the bundle's signature must verify with;"
                    + " repeat it to accept any of several (key rotation)")
    java.util.List<Path> trust;

    @Option(
            names = "--insecure-skip-verify",
            description = "use --bundle without verifying its signature (its files are still"
                    + " checked against its manifest); the decision's provenance records it")
    boolean insecureSkipVerify;

    /** The verified bundle, once {@link #engine} opened it (null without --bundle). */
    RuleBundles.Opened opened;

    /** The bundle's files as extra inputs of the command (the destination checks refuse to overwrite it). */
    Outputs.Input asInput() {
        return bundle == null ? null : new Outputs.Input("the rule bundle", bundle);
    }

    /** Refuses inconsistent options (exit 2): call before any work. */
    void check(Path rules, String rulesOption) {
        if (bundle == null) {
            if (trust != null || insecureSkipVerify) {
                throw new UsageException(
                        (trust != null ? "--trust" : "--insecure-skip-verify") + " needs --bundle FILE");
            }
            return;
        }
        if (rules != null) {
            throw new UsageException("--bundle and " + rulesOption + " name two rulebases: give one");
        }
        if (trust != null && insecureSkipVerify) {
            throw new UsageException("--trust and --insecure-skip-verify contradict each other: give one");
        }
        if (trust == null && !insecureSkipVerify) {
            throw new UsageException("--bundle needs --trust PUB (the key its signature must verify with), or"
                    + " --insecure-skip-verify to use it unverified");
        }
    }

    /** The engine of the bundle (verified first), or of {@code rules} as {@link Options#engine} when no bundle was given. */
    PolicyEngine engine(Path rules, EvaluationLimits limits, PrintWriter err) {
        if (bundle == null) {
            return Options.engine(rules, limits);
        }
        java.util.List<Keys.VerificationKey> keys = insecureSkipVerify
                ? java.util.List.of()
                : trust.stream()
                        .map(t -> TrustOptions.verificationKey("--trust", t))
                        .toList();
        try {
            opened = RuleBundles.open(bundle, keys);
        } catch (Malformed e) {
            throw new UsageException("refusing the rule bundle " + e.getMessage());
        }
        if (insecureSkipVerify) {
            err.println("gatehouse: warning: the rule bundle " + bundle + " is used without verifying its signature "
                    + "(--insecure-skip-verify); the decision's provenance records that");
        }
        try {
            return opened.engine(PolicyEngine.builder().evaluationTimeout(limits.timeout), bundle.toString());
        } catch (IOException e) {
            throw new OutputFailure(
                    "cannot unpack the verified rule bundle " + bundle + " to compile it: " + Outputs.reason(e));
        }
    }
}
