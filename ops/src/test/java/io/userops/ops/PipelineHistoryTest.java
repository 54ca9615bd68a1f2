package io.userops.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    @Test
    void shouldKeepReadingsOfTheWindowOldestFirstAndDropOlderOnes() {
        PipelineHistory history = new PipelineHistory(Duration.ofMinutes(10));
        for (int minute = 0; minute <= 15; minute++) {
            history.add(reading(T0.plus(Duration.ofMinutes(minute)), minute));
        }
        List<PipelineMonitor.Snapshot> kept = history.since(Instant.EPOCH);
        assertThat(kept).extracting(PipelineMonitor.Snapshot::takenAt)
                .first().isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(kept).hasSize(11).extracting(s -> s.records("g")).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L,
                12L, 13L, 14L, 15L);
    }

    @Test
    void shouldAnswerOnlyTheReadingsTakenAtOrAfterSince() {
        PipelineHistory history = new PipelineHistory(Duration.ofHours(1));
        history.add(reading(T0, 1));
        history.add(reading(T0.plusSeconds(5), 2));
        history.add(reading(T0.plusSeconds(10), 3));
        assertThat(history.since(T0.plusSeconds(5))).extracting(s -> s.records("g")).containsExactly(2L, 3L);
        assertThat(history.since(T0.plusSeconds(11))).isEmpty();
    }

    @Test
    void shouldNotKeepARepeatedReadingTwiceNorAReadingOlderThanTheNewest() {
        PipelineHistory history = new PipelineHistory(Duration.ofHours(1));
        history.add(reading(T0.plusSeconds(5), 1));
        history.add(reading(T0.plusSeconds(5), 2));
        history.add(reading(T0, 3));
        assertThat(history.since(Instant.EPOCH)).extracting(s -> s.records("g")).containsExactly(1L);
    }

    @Test
    void shouldRefuseAWindowThatIsNotPositive() {
        assertThatThrownBy(() -> new PipelineHistory(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the history window must be positive, was PT0S");
    }

    private static PipelineMonitor.Snapshot reading(Instant at, long records) {
        PartitionLag lag = new PartitionLag("g", "t", 0, 100, 100 + records, records, Optional.empty(), Duration.ZERO);
        return new PipelineMonitor.Snapshot(at, Map.of("g", List.of(lag)), Optional.empty(), Map.of(), Map.of(),
                Optional.empty());
    }
}
