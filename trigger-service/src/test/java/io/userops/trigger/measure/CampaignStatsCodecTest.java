package io.userops.trigger.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The stored form of the stats: small, versioned, and refused when it is not ours. */
class CampaignStatsCodecTest {

    @Test
    void shouldWriteEmptyStatsAsTheVersionAndNineZeroBytes() {
        assertThat(CampaignStatsCodec.write(CampaignStats.EMPTY)).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldWriteSmallCountsInOneByteAndLargerOnesInMore() {
        CampaignStats stats = new CampaignStats(127, 128, new TreeMap<>(Map.of("cap", 300L)), 0, 0, new TreeMap<>(),
                0, 0, 0);

        byte[] bytes = CampaignStatsCodec.write(stats);

        // version, 127, 128 = 0x80 0x01, five zero counts, one skip reason "cap" (UTF: 0 3 c a p) with 300 =
        // 0xAC 0x02, no failure reasons
        assertThat(bytes).containsExactly(1, 127, 0x80, 0x01, 0, 0, 0, 0, 0, 1, 0, 3, 'c', 'a', 'p', 0xAC, 0x02, 0);
        assertThat(CampaignStatsCodec.read(bytes)).isEqualTo(stats);
    }

    @Test
    void shouldReadBackTheLargestCountsAndTextReasons() {
        CampaignStats stats = new CampaignStats(Long.MAX_VALUE, Long.MAX_VALUE - 1, new TreeMap<>(Map.of(
                "quiet_hours", 1L, "zeitfenster_ü", Long.MAX_VALUE)), 1L << 35, 0, new TreeMap<>(Map.of("上海", 2L)),
                Long.MAX_VALUE, Long.MAX_VALUE, 7);

        assertThat(CampaignStatsCodec.read(CampaignStatsCodec.write(stats))).isEqualTo(stats);
    }

    @Test
    void shouldRefuseAnUnknownVersion() {
        assertThatThrownBy(() -> CampaignStatsCodec.read(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("campaign stats version 2 is not known to this build");
    }

    @Test
    void shouldRefuseBytesThatDecodeToImpossibleStats() {
        // convertedTreated 0, convertedAfterSend 1
        assertThatThrownBy(() -> CampaignStatsCodec.read(new byte[] {1, 0, 0, 0, 0, 0, 1, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable campaign stats");
        // a reason counted twice
        assertThatThrownBy(() -> CampaignStatsCodec.read(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 'a', 1, 0, 1,
                'a', 1, 0})).hasMessageContaining("reason 'a' twice");
        // a count with ten continuation bytes
        assertThatThrownBy(() -> CampaignStatsCodec.read(new byte[] {1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1}))
                .hasMessageContaining("longer than 9 bytes");
    }
}
