package io.userops.trigger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.userops.trigger.measure.CampaignReport;
import io.userops.trigger.measure.CampaignStats;
import io.userops.trigger.measure.Uplift;
import java.net.InetSocketAddress;
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
    void shouldSumEveryListedCampaignFromOneListOfTheOtherInstance() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CampaignStats otherShare = new CampaignStats(2, 0, new TreeMap<>(), 2, 2, new TreeMap<>(), 1, 1, 0);
        List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath() + " forwarded=" + exchange.getRequestHeaders()
                    .getFirst(ClusterStats.FORWARDED));
            ObjectNode body = json.createObjectNode();
            body.putArray("campaigns").addObject().put("id", "welcome")
                    .set("stats", json.valueToTree(CampaignReport.of("welcome", otherShare, Uplift.Z_95)));
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        other.start();
        try {
            ClusterStats stats = new ClusterStats(id -> SHARE,
                    () -> List.of(new HostInfo("127.0.0.1", other.getAddress().getPort())));

            Map<String, CampaignStats> all = stats.all(List.of("welcome", "winback"));

            assertThat(all.get("welcome")).isEqualTo(SHARE.merge(otherShare));
            assertThat(all.get("winback")).as("not listed by the other instance: its own share only").isEqualTo(SHARE);
            assertThat(paths).containsExactly("/v1/campaigns forwarded=1");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void shouldFailTheSumWhenAnotherInstanceListsACampaignWithoutItsStats() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] bytes = "{\"campaigns\":[{\"id\":\"welcome\",\"counts\":{\"sent\":2}}]}".getBytes();
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        other.start();
        try {
            int port = other.getAddress().getPort();
            ClusterStats stats = new ClusterStats(id -> SHARE, () -> List.of(new HostInfo("127.0.0.1", port)));

            assertThatThrownBy(() -> stats.all(List.of("welcome")))
                    .isInstanceOf(ClusterStats.InstanceUnreachableException.class)
                    .hasMessage("instance 127.0.0.1:" + port + " listed campaign 'welcome' without its stats (an older version?)");
        } finally {
            other.stop(0);
        }
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
