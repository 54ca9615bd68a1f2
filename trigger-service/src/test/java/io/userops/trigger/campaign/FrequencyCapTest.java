package io.userops.trigger.campaign;

import static io.userops.trigger.campaign.TestCampaign.campaign;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FrequencyCapTest {

    static final FrequencyCap ONE_EMAIL_A_DAY = new FrequencyCap(Optional.of(Channel.EMAIL), 1, CapPeriod.DAY);
    static final FrequencyCap ONE_A_DAY = new FrequencyCap(Optional.empty(), 1, CapPeriod.DAY);
    static final FrequencyCap TWO_A_WEEK = new FrequencyCap(Optional.empty(), 2, CapPeriod.WEEK);

    /** Caps without quiet hours, so that any time of day can be tried. */
    static String decide(List<FrequencyCap> caps, String zone, SendHistory history, Instant now) {
        Campaigns campaigns = new Campaigns(new CampaignSettings(caps, Optional.empty(), ZoneId.of("UTC")),
                List.of(campaign("win-back").build()));
        PendingSend due = new PendingSend("win-back", "u-1", "tr-9", now, now);
        SendBatch batch = CampaignPolicy.atSendTime(List.of(due), Users.inStage("DORMANT").with("timezone", zone)
                .snapshot(), history, campaigns, now);
        return AtSendTimeTest.outcome(batch.decisions().get(0));
    }

    static SendHistory sentAt(Channel channel, Instant... at) {
        SendHistory history = SendHistory.empty();
        for (Instant instant : at) {
            history = history.with(new SendHistory.Entry("newsletter", "t-" + instant, channel, instant, false, false));
        }
        return history;
    }

    @ParameterizedTest(name = "one email a day in {0}: sent {1}, now {2}: {3}")
    @CsvSource(textBlock = """
            # Tokyo: 01:00 and 19:00 on 2026-06-15 local, two different UTC dates
            Asia/Tokyo,          2026-06-14T16:00:00Z, 2026-06-15T10:00:00Z, frequency_cap
            UTC,                 2026-06-14T16:00:00Z, 2026-06-15T10:00:00Z, sent
            # Los Angeles: 23:00 on the 14th, then 01:00 on the 15th
            America/Los_Angeles, 2026-06-15T06:00:00Z, 2026-06-15T08:00:00Z, sent
            # Berlin springs forward on 2026-03-29: 00:30 CET, then 23:50 CEST the same 23-hour day
            Europe/Berlin,       2026-03-28T23:30:00Z, 2026-03-29T21:50:00Z, frequency_cap
            Europe/Berlin,       2026-03-28T22:30:00Z, 2026-03-28T23:30:00Z, sent
            # Berlin falls back on 2026-10-25: 00:10 CEST, then 23:50 CET, 24h40m later, the same 25-hour day
            Europe/Berlin,       2026-10-24T22:10:00Z, 2026-10-25T22:50:00Z, frequency_cap
            Europe/Berlin,       2026-10-24T22:10:00Z, 2026-10-25T23:05:00Z, sent
            """)
    void shouldCountADayCapPerCalendarDayInTheUsersZone(String zone, Instant sent, Instant now, String outcome) {
        assertThat(decide(List.of(ONE_EMAIL_A_DAY), zone, sentAt(Channel.EMAIL, sent), now)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0} cap, earlier message on {1}: {2}")
    @CsvSource(textBlock = """
            email, PUSH,    sent
            email, EMAIL,   frequency_cap
            all,   PUSH,    frequency_cap
            all,   WEBHOOK, frequency_cap
            """)
    void shouldCountAChannelCapOnItsChannelAndAnAllChannelCapOnEvery(String cap, Channel earlier, String outcome) {
        Instant now = Instant.parse("2026-06-15T10:00:00Z");
        SendHistory history = sentAt(earlier, now.minusSeconds(3600));

        assertThat(decide(List.of(cap.equals("email") ? ONE_EMAIL_A_DAY : ONE_A_DAY), "Europe/Berlin", history, now))
                .isEqualTo(outcome);
    }

    @Test
    void shouldNotCountHoldOuts() {
        Instant now = Instant.parse("2026-06-15T10:00:00Z");
        SendHistory heldOut = SendHistory.empty().with(new SendHistory.Entry("newsletter", "t-1", Channel.EMAIL,
                now.minusSeconds(60), true, false));

        assertThat(decide(List.of(ONE_A_DAY), "Europe/Berlin", heldOut, now)).isEqualTo("sent");
    }

    @ParameterizedTest(name = "two a week, sent {0} and {1}, now {2}: {3}")
    @CsvSource(textBlock = """
            # Monday 2026-06-15 and Tuesday in Berlin; Sunday 2026-06-21 23:30 is the same week
            2026-06-15T06:00:00Z, 2026-06-16T06:00:00Z, 2026-06-21T21:30:00Z, frequency_cap
            # Monday 2026-06-22 00:30 Berlin starts a new week
            2026-06-15T06:00:00Z, 2026-06-16T06:00:00Z, 2026-06-21T22:30:00Z, sent
            # Sunday 23:30 and Monday 00:30 of the week before: only one of them is in this week
            2026-06-14T21:30:00Z, 2026-06-14T22:30:00Z, 2026-06-21T21:30:00Z, sent
            # the week of the spring change, Monday 2026-03-23 00:30 CET to Sunday 23:30 CEST
            2026-03-22T23:30:00Z, 2026-03-25T12:00:00Z, 2026-03-29T21:30:00Z, frequency_cap
            """)
    void shouldCountAWeekCapFromMondayInTheUsersZone(Instant first, Instant second, Instant now, String outcome) {
        assertThat(decide(List.of(TWO_A_WEEK), "Europe/Berlin", sentAt(Channel.PUSH, first, second), now))
                .isEqualTo(outcome);
    }

    @Test
    void shouldRequireEveryCapToHaveRoom() {
        Instant now = Instant.parse("2026-06-17T10:00:00Z");
        SendHistory twoPushesThisWeek = sentAt(Channel.PUSH, Instant.parse("2026-06-15T10:00:00Z"),
                Instant.parse("2026-06-16T10:00:00Z"));

        assertThat(decide(List.of(ONE_EMAIL_A_DAY), "Europe/Berlin", twoPushesThisWeek, now)).isEqualTo("sent");
        assertThat(decide(List.of(ONE_EMAIL_A_DAY, TWO_A_WEEK), "Europe/Berlin", twoPushesThisWeek, now))
                .isEqualTo("frequency_cap");
    }
}
