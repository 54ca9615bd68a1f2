package io.userops.deploy.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;

/** One simulated person: who they are, and where their journey stands. */
final class SimulatedUser {

    enum Phase { ACTIVE, QUIET_FOR_GOOD, BACK }

    final String anonymousId;
    final String userId;
    final Persona persona;
    final ObjectNode traits;
    final ZoneId zone;
    final int preferredHour;
    final String platform;
    final Instant firstSeen;
    boolean signedUp;
    int sessions;
    Phase phase = Phase.ACTIVE;
    Instant nextSessionAt;

    SimulatedUser(String anonymousId, String userId, Persona persona, ObjectNode traits, ZoneId zone, int preferredHour,
            String platform, Instant firstSeen) {
        this.anonymousId = anonymousId;
        this.userId = userId;
        this.persona = persona;
        this.traits = traits;
        this.zone = zone;
        this.preferredHour = preferredHour;
        this.platform = platform;
        this.firstSeen = firstSeen;
        this.nextSessionAt = firstSeen;
    }
}
