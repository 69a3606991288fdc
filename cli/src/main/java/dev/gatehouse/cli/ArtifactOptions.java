package dev.gatehouse.cli;

import dev.gatehouse.InputLimits;
import dev.gatehouse.assemble.Assembler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The manifest and the artifact flags, shared by {@code assemble} and {@code evaluate} (a picocli mixin):
 * both documents are assembled from them instead of being read from {@code --evidence} and {@code --readback}.
 */
final class ArtifactOptions {
    private static final Pattern VSA = Pattern.compile("^([a-z-]+)(?:@([a-z-]+))?=(.+)$");

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            description =
                    "what no artifact knows: evidence: and readback:, partial documents in the contract's field names (YAML or JSON)")
    Path manifest;

    @Option(
            names = "--trivy",
            paramLabel = "FILE",
            description = "a Trivy JSON report (trivy image --format json); repeatable")
    List<Path> trivy = new ArrayList<>();

    @Option(names = "--sarif", paramLabel = "FILE", description = "a SARIF 2.1.0 log from any scanner; repeatable")
    List<Path> sarif = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "a JUnit XML report: the test check; repeatable")
    List<Path> junit = new ArrayList<>();

    @Option(
            names = "--cyclonedx",
            paramLabel = "FILE",
            description = "a CycloneDX JSON BOM (components, vulnerabilities, VEX); repeatable")
    List<Path> cyclonedx = new ArrayList<>();

    @Option(names = "--vex", paramLabel = "FILE", description = "an OpenVEX or CycloneDX VEX document; repeatable")
    List<Path> vex = new ArrayList<>();

    @Option(
            names = "--provenance",
            paramLabel = "FILE",
            description = "SLSA provenance v1: statement, DSSE envelope or Sigstore bundle (.intoto.jsonl); repeatable")
    List<Path> provenance = new ArrayList<>();

    @Option(
            names = "--vsa",
            paramLabel = "KIND[@ENV]=FILE",
            description =
                    "an SLSA verification summary as a verification of KIND (uat, security-review, staging-soak) in ENV "
                            + "(default: the promotion's origin); repeatable")
    List<String> vsa = new ArrayList<>();

    @Option(
            names = "--k8s",
            paramLabel = "FILE",
            description = "a Pod, Deployment or List (kubectl get -o json|yaml); repeatable")
    List<Path> k8s = new ArrayList<>();

    @Option(names = "--argocd", paramLabel = "FILE", description = "an Argo CD Application (JSON or YAML)")
    Path argocd;

    @Option(
            names = "--reviews",
            paramLabel = "FILE",
            description =
                    "pull-request reviews (gh api repos/OWNER/REPO/pulls/N/reviews) as approvals; needs --roles; repeatable")
    List<Path> reviews = new ArrayList<>();

    @Option(
            names = "--roles",
            paramLabel = "FILE",
            description = "GitHub login to role(s), for --reviews (YAML or JSON)")
    Path roles;

    /** Whether any artifact flag was given. */
    boolean anyArtifact() {
        return !trivy.isEmpty()
                || !sarif.isEmpty()
                || !junit.isEmpty()
                || !cyclonedx.isEmpty()
                || !vex.isEmpty()
                || !provenance.isEmpty()
                || !vsa.isEmpty()
                || !k8s.isEmpty()
                || argocd != null
                || !reviews.isEmpty()
                || roles != null;
    }

    /** The files read, for the check that no output overwrites one. */
    List<Outputs.Input> inputs() {
        List<Outputs.Input> out = new ArrayList<>();
        if (manifest != null) {
            out.add(new Outputs.Input("the manifest", manifest));
        }
        for (List<Path> files : List.of(trivy, sarif, junit, cyclonedx, vex, provenance, k8s, reviews)) {
            files.forEach(f -> out.add(new Outputs.Input("an artifact", f)));
        }
        for (String v : vsa) {
            Matcher m = VSA.matcher(v);
            if (m.matches()) {
                out.add(new Outputs.Input("an artifact", Path.of(m.group(3))));
            }
        }
        if (argocd != null) {
            out.add(new Outputs.Input("an artifact", argocd));
        }
        if (roles != null) {
            out.add(new Outputs.Input("the roles file", roles));
        }
        return out;
    }

    /** The assembler for these flags; bad usage (no manifest, --reviews without --roles, a bad --vsa) is exit 2. */
    Assembler assembler(InputLimits limits) {
        if (manifest == null) {
            throw new UsageException(
                    "--manifest is required: it holds what no artifact knows (service, promotion, ...)");
        }
        Assembler.Builder b = Assembler.builder().manifest(manifest).limits(limits);
        trivy.forEach(b::trivy);
        sarif.forEach(b::sarif);
        junit.forEach(b::junit);
        cyclonedx.forEach(b::cyclonedx);
        vex.forEach(b::vex);
        provenance.forEach(b::provenance);
        for (String v : vsa) {
            Matcher m = VSA.matcher(v);
            if (!m.matches()) {
                throw new UsageException(
                        "--vsa must be KIND=FILE or KIND@ENVIRONMENT=FILE (e.g. uat@demo=vsa.json), not " + v);
            }
            b.vsa(m.group(1), m.group(2), Path.of(m.group(3)));
        }
        k8s.forEach(b::k8s);
        if (argocd != null) {
            b.argocd(argocd);
        }
        reviews.forEach(b::reviews);
        if (roles != null) {
            b.roles(roles);
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage()
                    .replace("pull-request reviews need a roles file", "--reviews needs --roles")
                    .replace(
                            "a roles file was given without pull-request reviews",
                            "--roles was given without --reviews"));
        }
    }
}
