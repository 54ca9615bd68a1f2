package io.userops.trigger.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * At most {@code max} messages per calendar {@code per} in the user's time zone, on one channel or (channel
 * empty) on all channels together, counted across all campaigns. Held-out decisions do not count.
 */
public record FrequencyCap(Optional<Channel> channel, int max, CapPeriod per) {

    public FrequencyCap {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(per, "per");
        if (max < 1) {
            throw new IllegalArgumentException("a frequency cap allows at least 1 message, but max is " + max);
        }
    }

    /** Whether a message on {@code sent} counts against this cap. */
    public boolean counts(Channel sent) {
        return channel.isEmpty() || channel.get() == sent;
    }
}
