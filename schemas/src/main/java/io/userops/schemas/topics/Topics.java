package io.userops.schemas.topics;

import io.userops.avro.CampaignEvent;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog: every topic UserOps reads or writes. Services take names and serdes from here only. */
public final class Topics {

    public static final int DEFAULT_PARTITIONS = 3;

    private static final Map<String, String> WEEK = retention(Duration.ofDays(7));
    private static final Map<String, String> MONTH = retention(Duration.ofDays(30));

    public static final TopicSpec<TrackedEvent> EVENTS = new TopicSpec<>("userops.events.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, ValueFormat.avro(TrackedEvent.class));

    public static final TopicSpec<LifecycleTransition> LIFECYCLE_TRANSITIONS = new TopicSpec<>(
            "userops.lifecycle-transitions.v1", DEFAULT_PARTITIONS, CleanupPolicy.DELETE, MONTH,
            ValueFormat.avro(LifecycleTransition.class));

    public static final TopicSpec<TagChange> TAG_CHANGES = new TopicSpec<>("userops.tag-changes.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, MONTH, ValueFormat.avro(TagChange.class));

    public static final TopicSpec<UserProfile> PROFILES = new TopicSpec<>("userops.profiles.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.COMPACT, Map.of("min.compaction.lag.ms", "60000"),
            ValueFormat.avro(UserProfile.class));

    public static final TopicSpec<MessageRequest> MESSAGES = new TopicSpec<>("userops.messages.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, ValueFormat.avro(MessageRequest.class));

    /** Push messages for a downstream push gateway: the delivery stage's Kafka channel. Key: messageId. */
    public static final TopicSpec<MessageRequest> PUSH_OUTBOX = new TopicSpec<>("userops.push-outbox.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, ValueFormat.avro(MessageRequest.class));

    /** SMS messages for a downstream SMS gateway: the delivery stage's Kafka channel. Key: messageId. */
    public static final TopicSpec<MessageRequest> SMS_OUTBOX = new TopicSpec<>("userops.sms-outbox.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, WEEK, ValueFormat.avro(MessageRequest.class));

    public static final TopicSpec<CampaignEvent> CAMPAIGN_EVENTS = new TopicSpec<>("userops.campaign-events.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, MONTH, ValueFormat.avro(CampaignEvent.class));

    /** Records that could not be read, as received, with origin topic, partition, offset and reason in headers. */
    public static final TopicSpec<byte[]> DEAD_LETTER = new TopicSpec<>("userops.dead-letter.v1",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, MONTH, ValueFormat.rawBytes());

    public static final List<TopicSpec<?>> ALL = List.of(EVENTS, LIFECYCLE_TRANSITIONS, TAG_CHANGES, PROFILES,
            MESSAGES, PUSH_OUTBOX, SMS_OUTBOX, CAMPAIGN_EVENTS, DEAD_LETTER);

    private Topics() {
    }

    /** Registers the value schema of every Avro topic under {@code <topic>-value}; returns subject to id. */
    public static Map<String, Integer> registerSchemas(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (TopicSpec<?> topic : ALL) {
            topic.valueFormat().schema().ifPresent(schema ->
                    ids.put(topic.valueSubject(), registry.register(topic.valueSubject(), schema)));
        }
        return ids;
    }

    public static Optional<TopicSpec<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of("retention.ms", Long.toString(retention.toMillis()));
    }
}
