package io.userops.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimeTest {

    static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");
    static final Duration TOLERANCE = Duration.ofHours(23);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        // case                                        | client time          | sentAt               | trusted | expected             | clamped
        "client clock 1 h slow: delay of 10 s kept     , 2026-11-28T10:59:40Z, 2026-11-28T10:59:50Z, false, 2026-11-28T11:59:50Z, false",
        "client clock 2 h fast: delay of 5 s kept      , 2026-11-28T13:59:55Z, 2026-11-28T14:00:00Z, false, 2026-11-28T11:59:55Z, false",
        "server source keeps its time                  , 2026-11-20T08:00:00Z, 2026-11-28T12:00:00Z, true,  2026-11-20T08:00:00Z, false",
        "no sentAt: the client time is all there is    , 2026-11-28T11:00:00Z, -,                    false, 2026-11-28T11:00:00Z, false",
        "no client time: received time                 , -,                    2026-11-28T11:00:00Z, false, 2026-11-28T12:00:00Z, false",
        "historical import 1 year back is kept         , 2025-11-28T12:00:00Z, -,                    true,  2025-11-28T12:00:00Z, false",
        "23 h ahead is still accepted                  , 2026-11-29T11:00:00Z, -,                    false, 2026-11-29T11:00:00Z, false",
        "more than 23 h ahead is clamped to received   , 2026-12-01T00:00:00Z, -,                    true,  2026-11-28T12:00:00Z, true",
        "a sentAt far before the event dates it ahead  , 2026-11-30T12:00:00Z, 2026-11-28T12:00:00Z, false, 2026-11-28T12:00:00Z, true",
    })
    void shouldReadTheEventTimeByTheDocumentedRule(String what, Instant client, Instant sentAt, boolean trusted,
            Instant expected, boolean clamped) {
        EventTime time = EventTime.of(client, sentAt, RECEIVED, trusted, TOLERANCE);

        assertThat(time.timestamp()).isEqualTo(expected);
        assertThat(time.clamped()).isEqualTo(clamped);
    }

    @Property
    void shouldNeverDateAnEventMoreThanTheToleranceAfterItsReceipt(
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long clientOffsetMs,
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long sentOffsetMs,
            @ForAll boolean trusted) {
        EventTime time = EventTime.of(RECEIVED.plusMillis(clientOffsetMs), RECEIVED.plusMillis(sentOffsetMs), RECEIVED,
                trusted, TOLERANCE);

        assertThat(time.timestamp()).isBeforeOrEqualTo(RECEIVED.plus(TOLERANCE));
        assertThat(time.clamped()).isEqualTo(time.timestamp().equals(RECEIVED) && !RECEIVED.equals(
                trusted ? RECEIVED.plusMillis(clientOffsetMs)
                        : RECEIVED.minusMillis(sentOffsetMs - clientOffsetMs)));
    }

    @Property
    void shouldKeepTheDelayBetweenEventAndSendForClientsWhateverTheirClockSkew(
            @ForAll @LongRange(min = -100_000_000L, max = 100_000_000L) long skewMs,
            @ForAll @LongRange(min = 0, max = 86_400_000L) long delayMs) {
        Instant sentOnClientClock = RECEIVED.plusMillis(skewMs);
        Instant eventOnClientClock = sentOnClientClock.minusMillis(delayMs);

        EventTime time = EventTime.of(eventOnClientClock, sentOnClientClock, RECEIVED, false, TOLERANCE);

        assertThat(time.timestamp()).isEqualTo(RECEIVED.minusMillis(delayMs));
    }
}
