package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    @Test
    void shouldCommitNothingBeforeAnythingStarted() {
        assertThat(new PartitionProgress().committable()).isEmpty();
    }

    @Test
    void shouldCommitOnlyTheContiguousFinishedPrefixWhenMessagesFinishOutOfOrder() {
        PartitionProgress progress = new PartitionProgress();
        for (long offset = 10; offset <= 14; offset++) {
            progress.started(offset);
        }
        assertThat(progress.committable()).hasValue(10);

        progress.finished(12);
        progress.finished(13);
        assertThat(progress.committable()).as("10 and 11 still running").hasValue(10);

        progress.finished(10);
        assertThat(progress.committable()).hasValue(11);

        progress.finished(11);
        assertThat(progress.committable()).as("14 is the first unfinished").hasValue(14);
        assertThat(progress.unfinishedCount()).isEqualTo(1);

        progress.finished(14);
        assertThat(progress.committable()).as("everything read is finished").hasValue(15);
        assertThat(progress.unfinishedCount()).isZero();
    }

    @Test
    void shouldSkipOverOffsetsThatWereNeverRead() {
        PartitionProgress progress = new PartitionProgress();
        progress.started(3);
        progress.started(7);
        progress.finished(3);
        assertThat(progress.committable()).hasValue(7);
        progress.finished(7);
        assertThat(progress.committable()).hasValue(8);
    }

    @Test
    void shouldRefuseOffsetsGoingBackwards() {
        PartitionProgress progress = new PartitionProgress();
        progress.started(5);
        assertThatThrownBy(() -> progress.started(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
