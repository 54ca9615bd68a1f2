package io.userops.segmentation.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.identity.IdentityGraph.Grant;
import io.userops.segmentation.identity.IdentityGraph.Known;
import io.userops.segmentation.identity.IdentityGraph.Refused;
import io.userops.segmentation.identity.IdentityGraph.Requested;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    final IdentityGraph graph = new IdentityGraph(new IdentityRules(IdentityRules.DEFAULT_BLOCKED_IDS, 2));

    @ParameterizedTest
    @ValueSource(strings = {"undefined", "NULL", " null ", "0", "-1", "[object Object]", "anonymous", "", "   "})
    void shouldTreatBlockedAndBlankIdsAsAbsent(String id) {
        assertThat(IdentityRules.defaults().usable(id)).isNull();
    }

    @Test
    void shouldKeepRealIdsAsSent() {
        assertThat(IdentityRules.defaults().usable("u-42")).isEqualTo("u-42");
        assertThat(IdentityRules.defaults().usable("00")).isEqualTo("00");
        assertThat(new IdentityRules(Set.of("Guest-User"), 5).usable("guest-user")).isNull();
    }

    @Test
    void shouldRejectACapBelowOne() {
        assertThatThrownBy(() -> new IdentityRules(Set.of(), 0)).hasMessageContaining("at least 1, was 0");
    }

    @Test
    void shouldRequestALinkForANewIdentifierOnce() {
        var first = graph.claim(null, "anon-1", AT);
        assertThat(first).isInstanceOf(Requested.class);
        assertThat(first.next().identifiers()).containsExactly("anon-1");

        assertThat(graph.claim(first.next(), "anon-1", AT)).isInstanceOf(Known.class);
    }

    @Test
    void shouldRefuseIdentifiersOverTheCapAndRememberTheRefusal() {
        UserIdentities two = graph.claim(graph.claim(null, "a", AT).next(), "b", AT).next();

        var third = graph.claim(two, "c", AT);

        assertThat(third).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.IDENTIFIER_CAP_REACHED));
        assertThat(third.next().identifiers()).containsExactly("a", "b");
        assertThat(third.next().refusals()).singleElement()
                .satisfies(r -> assertThat(r.identifier()).isEqualTo("c"));
        assertThat(graph.claim(third.next(), "c", AT)).isInstanceOf(Known.class);
    }

    @Test
    void shouldNeverGiveAnIdentifierOfOneUserToAnother() {
        assertThat(graph.grant(null, "u-1")).isEqualTo(Grant.LINKED);
        assertThat(graph.grant("u-1", "u-1")).isEqualTo(Grant.ALREADY_LINKED);
        assertThat(graph.grant("u-1", "u-2")).isEqualTo(Grant.REFUSED);
    }

    @Test
    void shouldDropARefusedIdentifierFromTheUsersListAndKeepTheLatestRefusals() {
        UserIdentities identities = graph.claim(null, "anon-1", AT).next();

        UserIdentities refused = graph.refusedByOwner(identities, "anon-1", AT);

        assertThat(refused.identifiers()).isEmpty();
        assertThat(refused.refusals()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RefusalReason.LINKED_TO_ANOTHER_USER));
        UserIdentities many = refused;
        for (int i = 0; i < 15; i++) {
            many = graph.refusedByOwner(many, "x" + i, AT);
        }
        assertThat(many.refusals()).hasSize(UserIdentities.REFUSALS_KEPT);
        assertThat(many.refusals().get(UserIdentities.REFUSALS_KEPT - 1).identifier()).isEqualTo("x14");
    }
}
