package dev.gatehouse;

/**
 * How much one evaluation reads: the size of each input file, the bytes of all inputs together,
 * and the number of entries of the exceptions folder. A file over a limit is refused before it is
 * parsed ({@code input-too-large}). Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * InputLimits limits = InputLimits.builder().maxInputBytes(8 << 20).build(); // total follows: 32 MiB
 * EvaluationInput input = Inputs.read(evidence, readback, exceptionsDir, limits);
 * }</pre>
 *
 * @param maxInputBytes the largest input file, in bytes (default {@value #DEFAULT_MAX_INPUT_BYTES}: 4 MiB)
 * @param maxTotalBytes the bytes of all input files of one evaluation (default four times {@code maxInputBytes})
 * @param maxExceptionFiles the most entries the exceptions folder may hold (default {@value #DEFAULT_MAX_EXCEPTION_FILES})
 */
public record InputLimits(int maxInputBytes, long maxTotalBytes, int maxExceptionFiles) {
    public static final int DEFAULT_MAX_INPUT_BYTES = 4 << 20;
    public static final int DEFAULT_MAX_EXCEPTION_FILES = 500;
    /** The largest per-input limit that can be set: a document is held in memory whole. */
    public static final int MAX_INPUT_BYTES_CEILING = 1 << 30;

    /** The defaults: 4 MiB per input, 16 MiB in all, 500 exception files. */
    public static final InputLimits DEFAULT = builder().build();

    public InputLimits {
        if (maxInputBytes < 1 || maxInputBytes > MAX_INPUT_BYTES_CEILING) {
            throw new IllegalArgumentException(
                    "the input size limit must be between 1 byte and 1 GiB, not " + maxInputBytes);
        }
        if (maxTotalBytes < maxInputBytes) {
            throw new IllegalArgumentException("the total input limit (" + maxTotalBytes
                    + " bytes) must be at least the limit of one input (" + maxInputBytes + " bytes)");
        }
        if (maxExceptionFiles < 0) {
            throw new IllegalArgumentException(
                    "the exception file limit must not be negative, not " + maxExceptionFiles);
        }
    }

    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("^([0-9]{1,10})(B|KiB|MiB|GiB)?$");

    /**
     * Parses a size: {@code 8MiB}, {@code 512KiB}, {@code 1GiB}, or a number of bytes ({@code 1048576},
     * {@code 100B}). Throws {@link IllegalArgumentException} for anything else, decimal units such as
     * {@code MB} included: a limit should not be a guess.
     */
    public static long parseSize(String text) {
        java.util.regex.Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size such as 8MiB, 512KiB, 1GiB or 1048576 (bytes)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            case "GiB" -> n << 30;
            default -> n;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds limits; the total defaults to four times the per-input limit unless set. */
    public static final class Builder {
        private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private Long maxTotalBytes;
        private int maxExceptionFiles = DEFAULT_MAX_EXCEPTION_FILES;

        private Builder() {}

        public Builder maxInputBytes(long bytes) {
            if (bytes < 1 || bytes > MAX_INPUT_BYTES_CEILING) {
                throw new IllegalArgumentException(
                        "the input size limit must be between 1 byte and 1 GiB, not " + bytes + " bytes");
            }
            this.maxInputBytes = bytes;
            return this;
        }

        public Builder maxTotalBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the total input limit must be positive, not " + bytes + " bytes");
            }
            this.maxTotalBytes = bytes;
            return this;
        }

        public Builder maxExceptionFiles(int files) {
            this.maxExceptionFiles = files;
            return this;
        }

        public InputLimits build() {
            long total = maxTotalBytes != null ? maxTotalBytes : 4 * maxInputBytes;
            return new InputLimits((int) maxInputBytes, total, maxExceptionFiles);
        }
    }
}
