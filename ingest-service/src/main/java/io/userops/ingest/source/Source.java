package io.userops.ingest.source;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A sender of events, identified by its write key.
 *
 * @param id                  the source id stamped on every event ({@code sourceId})
 * @param kind                client or server: how event time is read
 * @param eventsPerSecond     optional rate limit on accepted events, bursting up to one second's worth
 */
public record Source(String id, SourceKind kind, OptionalInt eventsPerSecond) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventsPerSecond, "eventsPerSecond");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("source id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (eventsPerSecond.isPresent() && eventsPerSecond.getAsInt() < 1) {
            throw new IllegalArgumentException("rate limit of source " + id + " must be at least 1 event/s");
        }
    }

    public static Source client(String id) {
        return new Source(id, SourceKind.CLIENT, OptionalInt.empty());
    }
}
