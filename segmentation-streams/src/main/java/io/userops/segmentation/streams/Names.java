package io.userops.segmentation.streams;

/**
 * Every processor, store and sink of the segmentation topology. Renaming a store renames its changelog
 * and loses its state: the golden test of {@code topology.describe()} makes such a change visible.
 */
public final class Names {

    public static final String EVENTS_SOURCE = "events-source";
    public static final String ROUTING_SOURCE = "identity-routing-source";
    public static final String DEDUP_PROCESSOR = "event-dedup";
    public static final String IDENTITY_PROCESSOR = "identity-resolver";
    public static final String ROUTING_SINK = "identity-routing-sink";
    public static final String LIFECYCLE_PROCESSOR = "lifecycle-decider";
    public static final String PROFILE_PROCESSOR = "profile-builder";
    public static final String TRANSITIONS_SINK = "lifecycle-transitions-sink";
    public static final String TAG_CHANGES_SINK = "tag-changes-sink";
    public static final String RFM_SINK = "rfm-population-sink";
    public static final String RFM_SOURCE = "rfm-population-source";
    public static final String RFM_UPDATER = "rfm-population-updater";
    public static final String PROFILES_SINK = "profiles-sink";

    /** (source, messageId) -> nothing, in event-time windows: the ids seen within the dedup window. */
    public static final String DEDUP_STORE = "event-dedup-ids";
    /** identifier (anonymous id, alias) -> the user it is linked to. */
    public static final String IDENTITY_LINKS_STORE = "identity-links";
    /** userId -> the identifiers linked to the user, and the links refused. */
    public static final String IDENTITY_USERS_STORE = "identity-users";
    /** userId -> the user's profile, with the tags and segments last emitted. */
    public static final String PROFILE_STORE = "profile-state";
    /** "tag|t", "segment|s", "rfm|r5f4m3" -> users with it, per partition. */
    public static final String MEMBERSHIP_COUNTS_STORE = "membership-counts";
    /** segment NUL userId -> nothing: each segment's members, in user-id order. */
    public static final String SEGMENT_MEMBERS_STORE = "segment-members";
    /** Global: partition -> the RFM population sketch of that partition's purchasers, from its latest sweep. */
    public static final String RFM_POPULATION_STORE = "rfm-population";
    /** id -> until when its events are dropped (epoch ms): the ids erased recently. */
    public static final String ERASED_STORE = "erased-ids";
    /** userId -> the user's lifecycle state. */
    public static final String LIFECYCLE_STORE = "lifecycle-state";
    /** (due second, userId) -> nothing: the users to wake up, in time order. */
    public static final String TIMER_INDEX_STORE = "lifecycle-timer-index";
    /** userId -> the user's latest transitions, newest last (written only when transitions happen). */
    public static final String RECENT_TRANSITIONS_STORE = "lifecycle-recent-transitions";
    /** stage -> users in it, per partition. */
    public static final String STAGE_COUNTS_STORE = "lifecycle-stage-counts";
    /** (minute, from, to) -> transitions decided in that minute, per partition. */
    public static final String TRANSITION_COUNTS_STORE = "lifecycle-transition-counts";

    /**
     * The topic the topology sends itself records on, to the partition of another key: the application's
     * own, like Streams' internal topics, and partitioned like the events topic.
     */
    public static String routingTopic(String applicationId) {
        return applicationId + "-identity-routing";
    }

    /** The per-partition RFM population sketches, read back by every instance into a global store. */
    public static String rfmPopulationTopic(String applicationId) {
        return applicationId + "-rfm-population";
    }

    private Names() {
    }
}
