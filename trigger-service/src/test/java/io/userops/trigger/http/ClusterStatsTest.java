package io.userops.trigger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.trigger.measure.CampaignReport;
import io.userops.trigger.measure.CampaignStats;
import io.userops.trigger.measure.Uplift;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class ClusterStatsTest {

    private static final CampaignStats SHARE = new CampaignStats(40, 4, new TreeMap<>(Map.of("cap", 3L, "quiet", 1L)),
            31, 30, new TreeMap<>(Map.of("bounced", 1L)), 12, 11, 2);

    @Test
    void shouldReadBackEveryCountOfAStatsAnswer() {
        ObjectMapper json = new ObjectMapper();

        CampaignStats read = ClusterStats.fromReport(json.valueToTree(CampaignReport.of("welcome", SHARE, Uplift.Z_95)));

        assertThat(read).isEqualTo(SHARE);
    }

    @Test
    void shouldAnswerTheLocalShareAloneWhenThereIsNoOtherInstance() {
        ClusterStats stats = new ClusterStats(id -> SHARE, List::of);

        assertThat(stats.all("welcome")).isEqualTo(SHARE);
        assertThat(stats.local("welcome")).isEqualTo(SHARE);
    }

    @Test
    void shouldFailTheSumRatherThanShrinkItWhenAnotherInstanceDoesNotAnswer() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ClusterStats stats = new ClusterStats(id -> SHARE, () -> List.of(new HostInfo("127.0.0.1", closed)));

        assertThatThrownBy(() -> stats.all("welcome")).isInstanceOf(ClusterStats.InstanceUnreachableException.class)
                .hasMessageStartingWith("instance 127.0.0.1:" + closed + " did not answer for its share of campaign 'welcome'");
        assertThat(stats.local("welcome")).isEqualTo(SHARE);
    }
}
