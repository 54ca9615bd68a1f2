package io.userops.trigger.campaign;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules for all campaigns: frequency caps (all must hold), quiet hours, and the time zone of users whose
 * {@code timezone} trait is absent or not a valid IANA id.
 */
public record CampaignSettings(List<FrequencyCap> frequencyCaps, Optional<QuietHours> quietHours,
                               ZoneId defaultTimeZone) {

    public CampaignSettings {
        frequencyCaps = List.copyOf(frequencyCaps);
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(defaultTimeZone, "defaultTimeZone");
    }

    /** No caps, no quiet hours, UTC. */
    public static CampaignSettings none() {
        return new CampaignSettings(List.of(), Optional.empty(), ZoneOffset.UTC);
    }
}
