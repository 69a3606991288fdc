package dev.gatehouse.facts;

/**
 * A conclusion: a relevant exception passed the invalid, expired, unapproved and ineffective
 * checks, so it may waive soft violations it covers.
 */
public record ValidException(String id, ExceptionRequest exception) implements Traceable {
    public static ValidException of(ExceptionRequest exception) {
        return new ValidException(exception.id(), exception);
    }

    @Override
    public String ref() {
        return id;
    }
}
