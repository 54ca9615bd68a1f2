package io.userops.trigger.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each campaign step is counted in its own place. */
class CampaignStatsTest {

    private static CampaignStats of(CampaignStep... steps) {
        return CampaignStats.EMPTY.applyAll(List.of(steps));
    }

    @Test
    void shouldCountEachKindOfStepInItsOwnPlace() {
        CampaignStats stats = of(
                CampaignStep.triggered(), CampaignStep.triggered(), CampaignStep.triggered(), CampaignStep.triggered(),
                CampaignStep.heldOut(),
                CampaignStep.skipped("frequency_cap"),
                CampaignStep.sent(), CampaignStep.sent(),
                CampaignStep.delivered(),
                CampaignStep.failed("bounced"),
                CampaignStep.converted(Group.TREATED, true),
                CampaignStep.converted(Group.TREATED, false),
                CampaignStep.converted(Group.HOLDOUT, false));

        assertThat(stats).isEqualTo(new CampaignStats(4, 1, new TreeMap<>(Map.of("frequency_cap", 1L)), 2, 1,
                new TreeMap<>(Map.of("bounced", 1L)), 2, 1, 1));
        assertThat(stats.treated()).isEqualTo(3);
        assertThat(stats.skipped()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(1);
    }

    @Test
    void shouldCountSkipsAndFailuresByReasonCode() {
        CampaignStats stats = of(CampaignStep.skipped("quiet_hours"), CampaignStep.skipped(" quiet_hours "),
                CampaignStep.skipped("unsubscribed"), CampaignStep.skipped(null), CampaignStep.failed(""),
                CampaignStep.failed("gone"));

        assertThat(stats.skippedByReason()).containsExactly(Map.entry("quiet_hours", 2L),
                Map.entry("unknown", 1L), Map.entry("unsubscribed", 1L));
        assertThat(stats.failedByReason()).containsExactly(Map.entry("gone", 1L), Map.entry("unknown", 1L));
        assertThat(stats.skipped()).isEqualTo(4);
    }

    @Test
    void shouldCutAReasonThatIsAMessageRatherThanACode() {
        String providerMessage = "550 5.1.1 ".repeat(30);

        CampaignStats stats = of(CampaignStep.failed(providerMessage));

        assertThat(stats.failedByReason().firstKey()).hasSize(CampaignStep.MAX_REASON_LENGTH)
                .isEqualTo(providerMessage.strip().substring(0, CampaignStep.MAX_REASON_LENGTH));
    }

    @Test
    void shouldNotCountHeldOutUsersBeyondTheTriggeredAsNegativeTreated() {
        assertThat(of(CampaignStep.heldOut()).treated()).isZero();
    }

    @Test
    void shouldRefuseAHeldOutConversionAfterASend() {
        assertThatThrownBy(() -> CampaignStep.converted(Group.HOLDOUT, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("held-out user is never sent");
    }

    @Test
    void shouldRefuseCountsThatCannotBeStats() {
        TreeMap<String, Long> none = new TreeMap<>();
        assertThatThrownBy(() -> new CampaignStats(-1, 0, none, 0, 0, none, 0, 0, 0))
                .hasMessageContaining("triggered is a count");
        assertThatThrownBy(() -> new CampaignStats(0, 0, new TreeMap<>(Map.of("x", 0L)), 0, 0, none, 0, 0, 0))
                .hasMessageContaining("skippedByReason counts 0 for 'x'");
        assertThatThrownBy(() -> new CampaignStats(0, 0, none, 0, 0, none, 1, 2, 0))
                .hasMessageContaining("convertedAfterSend 2");
    }

    @Test
    void shouldKeepReasonsInNaturalOrderWhateverMapItIsGiven() {
        TreeMap<String, Long> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put("a", 1L);
        reversed.put("b", 2L);

        CampaignStats stats = new CampaignStats(0, 0, reversed, 0, 0, new TreeMap<>(), 0, 0, 0);

        assertThat(stats.skippedByReason().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> stats.skippedByReason().put("c", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldSumEveryCountWhenMerging() {
        CampaignStats left = of(CampaignStep.triggered(), CampaignStep.skipped("quiet_hours"),
                CampaignStep.converted(Group.TREATED, false));
        CampaignStats right = of(CampaignStep.triggered(), CampaignStep.heldOut(), CampaignStep.skipped("quiet_hours"),
                CampaignStep.skipped("unsubscribed"), CampaignStep.converted(Group.HOLDOUT, false));

        CampaignStats merged = left.merge(right);

        assertThat(merged.triggered()).isEqualTo(2);
        assertThat(merged.heldOut()).isEqualTo(1);
        assertThat(merged.skippedByReason()).containsExactly(Map.entry("quiet_hours", 2L), Map.entry("unsubscribed", 1L));
        assertThat(merged.convertedTreated()).isEqualTo(1);
        assertThat(merged.convertedHoldout()).isEqualTo(1);
    }
}
