package io.userops.trigger.campaign;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The campaigns of one file, in file order, with their global settings. Ids are unique. */
public record Campaigns(CampaignSettings settings, List<Campaign> campaigns) {

    /** Highest priority first, then by id so that the order never depends on anything else. */
    public static final Comparator<Campaign> BY_PRIORITY = Comparator.comparingInt(Campaign::priority).reversed()
            .thenComparing(Campaign::id);

    public Campaigns {
        Objects.requireNonNull(settings, "settings");
        campaigns = List.copyOf(campaigns);
        Map<String, Campaign> seen = new LinkedHashMap<>();
        for (Campaign campaign : campaigns) {
            if (seen.put(campaign.id(), campaign) != null) {
                throw new IllegalArgumentException("campaign id '" + campaign.id() + "' is used twice");
            }
        }
    }

    public Optional<Campaign> byId(String id) {
        return campaigns.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The campaigns the occurrence triggers, highest priority first; none for a replayed transition. */
    public TriggerMatches matching(Occurrence occurrence) {
        if (occurrence instanceof Occurrence.Transition t && t.replayed()) {
            return new TriggerMatches(List.of(), Optional.of(TriggerMatches.REPLAYED));
        }
        return new TriggerMatches(campaigns.stream().filter(c -> c.trigger().matches(occurrence))
                .sorted(BY_PRIORITY).toList(), Optional.empty());
    }
}
