package io.userops.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The pipeline readings of the last {@code window}, oldest first, for charts that show how lag moved: a reading
 * is kept once (a failed reading repeats the previous one's time and is not kept again) and dropped once it is
 * older than the window, measured from the newest reading so a paused clock keeps what it has.
 */
public final class PipelineHistory {

    private final Duration window;
    private final Deque<PipelineMonitor.Snapshot> readings = new ArrayDeque<>();

    public PipelineHistory(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the history window must be positive, was " + window);
        }
        this.window = window;
    }

    public synchronized void add(PipelineMonitor.Snapshot reading) {
        PipelineMonitor.Snapshot newest = readings.peekLast();
        if (newest != null && !reading.takenAt().isAfter(newest.takenAt())) {
            return;
        }
        readings.addLast(reading);
        Instant cutoff = reading.takenAt().minus(window);
        while (readings.peekFirst().takenAt().isBefore(cutoff)) {
            readings.removeFirst();
        }
    }

    /** The readings taken at or after {@code since}, oldest first. */
    public synchronized List<PipelineMonitor.Snapshot> since(Instant since) {
        List<PipelineMonitor.Snapshot> kept = new ArrayList<>();
        for (PipelineMonitor.Snapshot reading : readings) {
            if (!reading.takenAt().isBefore(since)) {
                kept.add(reading);
            }
        }
        return kept;
    }

    public Duration window() {
        return window;
    }
}
