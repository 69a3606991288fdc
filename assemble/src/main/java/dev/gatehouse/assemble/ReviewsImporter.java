package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;
import dev.gatehouse.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pull-request reviews as approvals: the JSON {@code gh api repos/OWNER/REPO/pulls/N/reviews} prints (a
 * list of reviews, or a list of such lists from {@code --paginate --slurp}), with a roles file mapping
 * GitHub logins to roles ({@code login: role} or {@code login: [role, ...]}). Per reviewer, in the order
 * submitted: an {@code APPROVED} review of the release's commit ({@code commit_id} equal to
 * {@code release.commit}) approves at {@code submitted_at}; a later {@code CHANGES_REQUESTED} or
 * {@code DISMISSED} review withdraws it; an approval of another commit counts for nothing. A reviewer
 * still approving is an approval for each of their roles, {@code by} their login in lower case.
 * Reviewers without a role are not approvers. Pending reviews (never submitted) are skipped.
 */
final class ReviewsImporter {
    private ReviewsImporter() {}

    /** Reads the roles file: login (lower case) to roles, each a contract role. */
    static Map<String, List<String>> roles(Artifact a) {
        Map<String, List<String>> out = new TreeMap<>();
        if (!a.root.isObject()) {
            a.error(WRONG_TYPE, "", "must be an object mapping GitHub logins to roles");
            return out;
        }
        List<String> known = Arrays.stream(Role.values()).map(Role::wire).toList();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : a.root.properties()) {
            Node value = a.root().get(e.getKey());
            List<Node> items = value.value.isArray() ? value.optArray() : List.of(value);
            List<String> roles = new ArrayList<>();
            for (Node r : items) {
                String role = r.requireText("a role");
                if (role != null && !known.contains(role)) {
                    a.error(
                            BAD_VALUE,
                            r.pointer,
                            "must be one of " + String.join(", ", known) + ", not '" + role + "'");
                } else if (role != null && !roles.contains(role)) {
                    roles.add(role);
                }
            }
            out.merge(e.getKey().toLowerCase(Locale.ROOT), roles, (x, y) -> {
                List<String> both = new ArrayList<>(x);
                y.stream().filter(r -> !both.contains(r)).forEach(both::add);
                return both;
            });
        }
        return out;
    }

    private record Review(String login, String state, Instant at, String commit, long id, Node node) {}

    static void read(Artifact a, Map<String, List<String>> roles, Draft d, String manifestFile) {
        if (!a.root.isArray()) {
            a.error(WRONG_TYPE, "", "must be a list of reviews (gh api repos/OWNER/REPO/pulls/N/reviews)");
            return;
        }
        com.fasterxml.jackson.databind.JsonNode commitNode = d.at(Doc.EVIDENCE, "/release/commit");
        if (!commitNode.isTextual()) {
            d.problem(
                    MISSING_FIELD,
                    manifestFile,
                    "/evidence/release/commit",
                    "is required to read pull-request reviews: only approvals of the release's commit count");
            return;
        }
        String commit = commitNode.textValue();
        List<Node> all = new ArrayList<>();
        for (Node n : a.root().optArray()) {
            if (n.value.isArray()) {
                all.addAll(n.optArray());
            } else {
                all.add(n);
            }
        }
        List<Review> reviews = new ArrayList<>();
        for (Node r : all) {
            String state = r.get("state").requireText("the review's state");
            if (state == null || state.equals("PENDING")) {
                continue;
            }
            String login = r.get("user").get("login").requireText("the reviewer's login");
            Instant at = r.get("submitted_at").requireInstant("when the review was submitted");
            String reviewed = r.get("commit_id").requireText("the commit reviewed");
            Node idNode = r.get("id");
            long id = idNode.present() && idNode.value.canConvertToLong() ? idNode.value.longValue() : 0;
            if (login != null && at != null && reviewed != null) {
                reviews.add(new Review(login.toLowerCase(Locale.ROOT), state, at, reviewed, id, r));
            }
        }
        reviews.sort(
                Comparator.comparing(Review::login).thenComparing(Review::at).thenComparingLong(Review::id));
        Map<String, Review> standing = new TreeMap<>();
        for (Review r : reviews) {
            switch (r.state()) {
                case "APPROVED" -> {
                    if (r.commit().equals(commit)) {
                        standing.putIfAbsent(r.login(), r);
                    }
                }
                case "CHANGES_REQUESTED", "DISMISSED" -> standing.remove(r.login());
                default -> {
                    // COMMENTED: says nothing about approval
                }
            }
        }
        for (Review r : standing.values()) {
            for (String role : roles.getOrDefault(r.login(), List.of())) {
                ObjectNode approval = JsonNodeFactory.instance.objectNode();
                approval.put("role", role);
                approval.put("by", r.login());
                approval.put("at", r.at().toString());
                d.item(Doc.EVIDENCE, "/approvals", approval, r.node().origin());
            }
        }
    }
}
