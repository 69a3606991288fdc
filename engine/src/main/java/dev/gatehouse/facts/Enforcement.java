package dev.gatehouse.facts;

/**
 * A control in force for the target environment, with its enforcement level there ({@code hard},
 * {@code soft} or {@code advisory}), from the enforcement table. A control that is {@code off} for
 * the target has no fact, so a rule guarded by {@code Enforcement(control == "X")} is not evaluated.
 */
public record Enforcement(String control, String level) {
    public boolean soft() {
        return "soft".equals(level);
    }

    public boolean hard() {
        return "hard".equals(level);
    }
}
