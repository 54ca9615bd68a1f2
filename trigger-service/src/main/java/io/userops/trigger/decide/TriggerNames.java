package io.userops.trigger.decide;

/** Every processor, store and sink of the trigger topology by name: the golden topology test pins them. */
public final class TriggerNames {

    public static final String APPLICATION_ID = "userops-trigger";

    public static final String TRANSITIONS_SOURCE = "transitions-source";
    public static final String TAG_CHANGES_SOURCE = "tag-changes-source";
    public static final String PROFILES_SOURCE = "profiles-source";
    public static final String EVENTS_SOURCE = "events-source";
    public static final String CAMPAIGN_EVENTS_SOURCE = "campaign-events-source";

    public static final String DECIDER = "campaign-decider";
    public static final String STATS = "campaign-stats-aggregator";
    public static final String PROFILE_UPDATER = "profile-updater";

    public static final String MESSAGES_SINK = "messages-sink";
    public static final String CAMPAIGN_EVENTS_SINK = "campaign-events-sink";

    /** The latest profile snapshot per user, as segmentation published it. */
    public static final String PROFILE_STORE = "trigger-profiles";
    /** Users whose profile was erased, with when: nothing is sent to them. */
    public static final String ERASED_STORE = "trigger-erased";
    /** Per user: the sends and hold-outs the caps, re-eligibility and conversions still need. */
    public static final String HISTORY_STORE = "trigger-history";
    /** Per user: the sends decided at trigger time and not yet due. */
    public static final String PENDING_STORE = "trigger-pending";
    /** (due second, user) of every user with a pending send: a tick reads only what is due. */
    public static final String DUE_INDEX_STORE = "trigger-due-index";
    /** Per campaign: the counts of its campaign events on this partition. */
    public static final String STATS_STORE = "campaign-stats";

    private TriggerNames() {
    }
}
