package io.userops.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far one consumer group is behind on one partition.
 *
 * @param committed      the group's committed offset: the next record it will read
 * @param end            the partition's last stable offset (read_committed)
 * @param records        records not yet consumed: {@code end - committed}, never negative
 * @param oldestUnconsumedAt the timestamp of the first record not yet consumed; empty when caught up
 * @param age            how long that record has waited: now minus its timestamp; zero when caught up
 */
public record PartitionLag(String group, String topic, int partition, long committed, long end, long records,
                           Optional<Instant> oldestUnconsumedAt, Duration age) {
}
