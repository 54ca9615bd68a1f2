package io.userops.trigger.campaign;

import java.util.List;
import java.util.Objects;

/** The conversions one signal completes, and the history with them marked so they count once. */
public record ConversionBatch(List<Conversion> conversions, SendHistory history) {
    public ConversionBatch {
        conversions = List.copyOf(conversions);
        Objects.requireNonNull(history, "history");
    }
}
