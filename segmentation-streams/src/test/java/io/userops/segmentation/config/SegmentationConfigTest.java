package io.userops.segmentation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.identity.IdentityRules;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentationConfigTest {

    @Test
    void shouldDefaultToADayOfDedupAndTheDefaultIdentityRules() {
        SegmentationConfig config = SegmentationConfig.fromEnvironment(Map.of());

        assertThat(config.lifecycle().dedupWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.lifecycle().identity()).isEqualTo(IdentityRules.defaults());
    }

    @Test
    void shouldReadTheDedupWindowBlockedIdsAndIdentifierCap() {
        SegmentationConfig config = SegmentationConfig.fromEnvironment(Map.of(
                "USEROPS_SEGMENTATION_DEDUP_WINDOW", "3d",
                "USEROPS_SEGMENTATION_BLOCKED_IDS", "guest, n/a ,",
                "USEROPS_SEGMENTATION_MAX_IDENTIFIERS_PER_USER", "5"));

        assertThat(config.lifecycle().dedupWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(config.lifecycle().identity().blockedIds()).containsExactlyInAnyOrder("guest", "n/a");
        assertThat(config.lifecycle().identity().maxIdentifiersPerUser()).isEqualTo(5);
        assertThat(config.lifecycle().identity().usable("undefined")).isEqualTo("undefined");
    }

    @Test
    void shouldNameTheSettingOfABadDedupWindow() {
        assertThatThrownBy(() -> SegmentationConfig.fromEnvironment(Map.of("USEROPS_SEGMENTATION_DEDUP_WINDOW", "soon")))
                .hasMessage("USEROPS_SEGMENTATION_DEDUP_WINDOW must be a duration such as 24h or 3d, was 'soon'");
        assertThatThrownBy(() -> SegmentationConfig.fromEnvironment(Map.of("USEROPS_SEGMENTATION_DEDUP_WINDOW", "10s")))
                .hasMessageContaining("at least a minute");
        assertThatThrownBy(() -> SegmentationConfig.fromEnvironment(
                Map.of("USEROPS_SEGMENTATION_MAX_IDENTIFIERS_PER_USER", "0")))
                .hasMessageContaining("at least 1");
    }

    @Test
    void shouldRefuseASweepSliceThatCouldOutlastTheTransactionTimeout() {
        assertThat(SegmentationConfig.memberships(Map.of("USEROPS_SEGMENTATION_SWEEP_USERS_PER_SECOND", "10000"))
                .sweepUsersPerTick()).isEqualTo(10_000);
        assertThatThrownBy(() -> SegmentationConfig.memberships(Map.of("USEROPS_SEGMENTATION_SWEEP_USERS_PER_SECOND",
                "1000000"))).hasMessageContaining("must be 1 to 10000").hasMessageContaining("was 1000000");
        assertThatThrownBy(() -> SegmentationConfig.memberships(Map.of("USEROPS_SEGMENTATION_SWEEP_USERS_PER_SECOND",
                "0"))).hasMessageContaining("must be 1 to 10000");
    }
}
