package io.userops.segmentation.lifecycle;

/**
 * Activity per interval as the bits of a long: bit {@code k} set means active in interval
 * {@code anchor - k}. Intervals older than 64 are forgotten.
 */
final class ActivityBits {

    private ActivityBits() {
    }

    /** Moves the anchor forward to {@code newAnchor}, keeping the bits of the intervals still remembered. */
    static long shift(long bits, long anchor, long newAnchor) {
        long by = newAnchor - anchor;
        if (by <= 0) {
            return bits;
        }
        return by >= Long.SIZE ? 0L : bits << by;
    }

    static long mark(long bits, long anchor, long interval) {
        long age = anchor - interval;
        if (age < 0 || age >= Long.SIZE) {
            return bits;
        }
        return bits | (1L << age);
    }

    /** Active intervals among {@code from..to} (inclusive), counting only what is remembered. */
    static int count(long bits, long anchor, long from, long to) {
        long youngestAge = Math.max(0, anchor - to);
        long oldestAge = Math.min(Long.SIZE - 1, anchor - from);
        if (oldestAge < youngestAge) {
            return 0;
        }
        long width = oldestAge - youngestAge + 1;
        long mask = width >= Long.SIZE ? -1L : ((1L << width) - 1) << youngestAge;
        return Long.bitCount(bits & mask);
    }
}
