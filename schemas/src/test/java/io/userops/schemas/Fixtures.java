package io.userops.schemas;

import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.Channel;
import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TagChangeKind;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import java.time.Instant;
import java.util.List;

/** One fully populated record of each contract type. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-28T10:15:30.123Z");

    private Fixtures() {
    }

    public static TrackedEvent trackedEvent() {
        return TrackedEvent.newBuilder()
                .setSourceId("src-web")
                .setType(EventType.TRACK)
                .setMessageId("ajs-next-1700000000000-5f6c")
                .setUserId("u-42")
                .setAnonymousId("507f191e810c19729de860ea")
                .setEvent("Order Completed")
                .setName(null)
                .setGroupId(null)
                .setPreviousId(null)
                .setProperties("{\"revenue\":39.95,\"currency\":\"EUR\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}],\"gift\":null}")
                .setTraits(null)
                .setContext("{\"library\":{\"name\":\"analytics.js\",\"version\":\"2.11.1\"},\"timezone\":\"Asia/Shanghai\",\"locale\":\"zh-CN\"}")
                .setIntegrations("{\"All\":true}")
                .setExtra("{\"_metadata\":{\"bundled\":[\"Segment.io\"]},\"version\":2}")
                .setTimestamp(T0)
                .setOriginalTimestamp(T0.minusMillis(2_000))
                .setSentAt(T0.minusMillis(1_000))
                .setReceivedAt(T0.plusMillis(15))
                .build();
    }

    public static LifecycleTransition lifecycleTransition() {
        return LifecycleTransition.newBuilder()
                .setTransitionId("tr-9f2c")
                .setUserId("u-42")
                .setFrom(LifecycleStage.ENGAGED)
                .setTo(LifecycleStage.AT_RISK)
                .setReason("silent_threshold")
                .setCauseEventId(null)
                .setCauseTimerAt(T0)
                .setEventTime(T0)
                .setProcessingTime(T0.plusMillis(3))
                .setCorrection(false)
                .setCorrectsTransitionId(null)
                .setReplayed(false)
                .build();
    }

    public static TagChange tagChange() {
        return TagChange.newBuilder()
                .setUserId("u-42")
                .setTag("rfm_score")
                .setChange(TagChangeKind.ADDED)
                .setRule("rfm")
                .setValue("545")
                .setCauseEventId("m-1")
                .setEventTime(T0)
                .setProcessingTime(T0)
                .build();
    }

    public static UserProfile userProfile() {
        return UserProfile.newBuilder()
                .setUserId("u-42")
                .setAnonymousIds(List.of("507f191e810c19729de860ea", "a-2"))
                .setStage(LifecycleStage.ENGAGED)
                .setStageSince(T0.minusSeconds(86_400))
                .setFirstSeenAt(T0.minusSeconds(30 * 86_400))
                .setLastActiveAt(T0)
                .setEventCount(1_234)
                .setTraits("{\"city\":\"Hangzhou\",\"age\":31}")
                .setTags(List.of("night_owl", "big_spender"))
                .setSegments(List.of("vip"))
                .setUpdatedAt(T0)
                .build();
    }

    public static MessageRequest messageRequest() {
        return MessageRequest.newBuilder()
                .setMessageId("msg-7d1e")
                .setCampaignId("win-back")
                .setUserId("u-42")
                .setTriggerId("tr-9f2c")
                .setChannel(Channel.EMAIL)
                .setRecipient("ada@example.org")
                .setLocale("en-GB")
                .setSubject("We miss you")
                .setBody("Hello Ada, ...")
                .setDecidedAt(T0)
                .setNotAfter(T0.plusSeconds(86_400))
                .build();
    }

    public static CampaignEvent campaignEvent() {
        return CampaignEvent.newBuilder()
                .setCampaignId("win-back")
                .setUserId("u-42")
                .setKind(CampaignEventKind.SKIPPED)
                .setReason("quiet_hours")
                .setTriggerId("tr-9f2c")
                .setMessageId(null)
                .setOccurredAt(T0)
                .build();
    }
}
