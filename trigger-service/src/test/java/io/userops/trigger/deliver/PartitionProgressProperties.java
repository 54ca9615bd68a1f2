package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PartitionProgressProperties {

    @Property
    void committedPositionIsAlwaysTheLowestUnfinishedOffset(@ForAll @IntRange(min = 1, max = 60) int count,
            @ForAll long seed) {
        PartitionProgress progress = new PartitionProgress();
        List<Long> order = new ArrayList<>();
        for (long offset = 0; offset < count; offset++) {
            progress.started(offset);
            order.add(offset);
        }
        Collections.shuffle(order, new Random(seed));
        TreeSet<Long> unfinished = new TreeSet<>(order);
        long lastCommittable = 0;
        for (long offset : order) {
            progress.finished(offset);
            unfinished.remove(offset);
            OptionalLong committable = progress.committable();
            assertThat(committable).hasValue(unfinished.isEmpty() ? count : unfinished.first());
            assertThat(committable.getAsLong()).isGreaterThanOrEqualTo(lastCommittable);
            lastCommittable = committable.getAsLong();
        }
    }
}
