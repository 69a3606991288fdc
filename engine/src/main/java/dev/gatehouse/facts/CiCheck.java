package dev.gatehouse.facts;

import dev.gatehouse.model.CheckStatus;

/** One CI check CI reported: {@code /ci/checks/name}. A check CI did not report has no fact. */
public record CiCheck(String name, @OneOf(CheckStatus.class) String status) implements Traceable {
    public String pointer() {
        return "/ci/checks/" + name;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
