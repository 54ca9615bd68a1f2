package io.userops.ingest.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rudderstack.sdk.java.analytics.RudderAnalytics;
import com.segment.analytics.Analytics;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.IngestWorld;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real Segment and RudderStack Java SDKs, unchanged but for the API host, send all six calls;
 * every event is read back from Kafka. Segment's SDK posts to /v1/import/ with the write key in the
 * body; RudderStack's posts gzip to /v1/batch with HTTP Basic.
 */
class SdkCompatibilityIT extends IngestWorld {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldTakeEveryCallOfTheSegmentJavaSdk() throws Exception {
        Callbacks callbacks = new Callbacks(6);
        Analytics analytics = Analytics.builder("dev-write-key")
                .endpoint("http://127.0.0.1:" + world.ingest.port())
                .flushInterval(1, TimeUnit.SECONDS)
                .retries(1)
                .callback(new com.segment.analytics.Callback() {
                    @Override
                    public void success(com.segment.analytics.messages.Message message) {
                        callbacks.success();
                    }

                    @Override
                    public void failure(com.segment.analytics.messages.Message message, Throwable error) {
                        callbacks.failure(error);
                    }
                })
                .build();
        String run = UUID.randomUUID().toString();
        List<String> ids = ids(run);
        try {
            analytics.enqueue(com.segment.analytics.messages.IdentifyMessage.builder().userId("seg-" + run).anonymousId("anon-" + run)
                    .messageId(ids.get(0)).traits(Map.of("email", "ada@example.org", "age", 31)).timestamp(new Date()));
            analytics.enqueue(com.segment.analytics.messages.TrackMessage.builder("Order Completed").userId("seg-" + run)
                    .messageId(ids.get(1)).properties(Map.of("revenue", 9.99, "currency", "EUR")));
            analytics.enqueue(com.segment.analytics.messages.PageMessage.builder("Home").userId("seg-" + run)
                    .messageId(ids.get(2)).category("Docs").properties(Map.of("path", "/")));
            analytics.enqueue(com.segment.analytics.messages.ScreenMessage.builder("Settings").anonymousId("anon-" + run)
                    .messageId(ids.get(3)).properties(Map.of("k", "v")));
            analytics.enqueue(com.segment.analytics.messages.GroupMessage.builder("acme").userId("seg-" + run)
                    .messageId(ids.get(4)).traits(Map.of("plan", "pro")));
            analytics.enqueue(com.segment.analytics.messages.AliasMessage.builder("anon-" + run).userId("seg-" + run)
                    .messageId(ids.get(5)));
            analytics.flush();
            callbacks.awaitAllSucceeded();
        } finally {
            analytics.shutdown();
        }

        List<TrackedEvent> events = world.events(ids);
        assertSixCalls(events, ids, "seg-" + run, "anon-" + run);
        TrackedEvent track = byId(events, ids.get(1));
        assertThat(json.readTree(track.getProperties()).path("revenue").asDouble()).isEqualTo(9.99);
        assertThat(json.readTree(track.getContext()).path("library").path("name").asText()).isEqualTo("analytics-java");
    }

    @Test
    void shouldTakeEveryCallOfTheRudderStackJavaSdkSentGzippedWithBasicAuth() throws Exception {
        Callbacks callbacks = new Callbacks(6);
        RudderAnalytics analytics = RudderAnalytics.builder("dev-write-key")
                .setDataPlaneUrl("http://127.0.0.1:" + world.ingest.port())
                .flushInterval(1, TimeUnit.SECONDS)
                .retries(1)
                .callback(new com.rudderstack.sdk.java.analytics.Callback() {
                    @Override
                    public void success(com.rudderstack.sdk.java.analytics.messages.Message message) {
                        callbacks.success();
                    }

                    @Override
                    public void failure(com.rudderstack.sdk.java.analytics.messages.Message message, Throwable error) {
                        callbacks.failure(error);
                    }
                })
                .build();
        String run = UUID.randomUUID().toString();
        List<String> ids = ids(run);
        try {
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.IdentifyMessage.builder().userId("rs-" + run)
                    .anonymousId("anon-" + run).messageId(ids.get(0)).traits(Map.of("email", "grace@example.org")));
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.TrackMessage.builder("Order Completed")
                    .userId("rs-" + run).messageId(ids.get(1)).properties(Map.of("revenue", 120, "currency", "CNY")));
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.PageMessage.builder("Pricing").userId("rs-" + run)
                    .messageId(ids.get(2)).properties(Map.of("path", "/pricing")));
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.ScreenMessage.builder("Home")
                    .anonymousId("anon-" + run).messageId(ids.get(3)));
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.GroupMessage.builder("acme").userId("rs-" + run)
                    .messageId(ids.get(4)).traits(Map.of("employees", 40)));
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.AliasMessage.builder("anon-" + run)
                    .userId("rs-" + run).messageId(ids.get(5)));
            analytics.flush();
            callbacks.awaitAllSucceeded();
        } finally {
            analytics.shutdown();
        }

        List<TrackedEvent> events = world.events(ids);
        assertSixCalls(events, ids, "rs-" + run, "anon-" + run);
        TrackedEvent track = byId(events, ids.get(1));
        assertThat(json.readTree(track.getProperties()).path("currency").asText()).isEqualTo("CNY");
        assertThat(json.readTree(track.getContext()).path("library").path("name").asText()).isEqualTo("analytics-java");
        assertThat(json.readTree(track.getExtra()).path("channel").asText()).isEqualTo("server");
    }

    private static void assertSixCalls(List<TrackedEvent> events, List<String> ids, String userId, String anonymousId) {
        assertThat(events).extracting(TrackedEvent::getMessageId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(byId(events, ids.get(0)).getType()).isEqualTo(EventType.IDENTIFY);
        assertThat(byId(events, ids.get(0)).getTraits()).contains("@example.org");
        assertThat(byId(events, ids.get(1)).getType()).isEqualTo(EventType.TRACK);
        assertThat(byId(events, ids.get(1)).getEvent()).isEqualTo("Order Completed");
        assertThat(byId(events, ids.get(2)).getType()).isEqualTo(EventType.PAGE);
        assertThat(byId(events, ids.get(3)).getType()).isEqualTo(EventType.SCREEN);
        assertThat(byId(events, ids.get(3)).getAnonymousId()).isEqualTo(anonymousId);
        assertThat(byId(events, ids.get(4)).getType()).isEqualTo(EventType.GROUP);
        assertThat(byId(events, ids.get(4)).getGroupId()).isEqualTo("acme");
        assertThat(byId(events, ids.get(5)).getType()).isEqualTo(EventType.ALIAS);
        assertThat(byId(events, ids.get(5)).getPreviousId()).isEqualTo(anonymousId);
        assertThat(byId(events, ids.get(5)).getUserId()).isEqualTo(userId);
        assertThat(events).allSatisfy(e -> assertThat(e.getSourceId()).isEqualTo("dev"));
    }

    private static TrackedEvent byId(List<TrackedEvent> events, String id) {
        return events.stream().filter(e -> e.getMessageId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> ids(String run) {
        List<String> ids = new ArrayList<>();
        for (String call : List.of("identify", "track", "page", "screen", "group", "alias")) {
            ids.add(call + "-" + run);
        }
        return ids;
    }

    /** Waits for the SDK's per-message callbacks: the SDKs have no blocking flush. */
    private static final class Callbacks {
        private final CountDownLatch done;
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();

        Callbacks(int messages) {
            done = new CountDownLatch(messages);
        }

        void success() {
            done.countDown();
        }

        void failure(Throwable error) {
            failures.add(error);
            done.countDown();
        }

        void awaitAllSucceeded() throws InterruptedException {
            assertThat(done.await(60, TimeUnit.SECONDS)).as("all six callbacks within 60 s").isTrue();
            assertThat(failures).isEmpty();
        }
    }

}
