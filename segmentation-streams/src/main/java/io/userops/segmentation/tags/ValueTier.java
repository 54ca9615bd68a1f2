package io.userops.segmentation.tags;

import java.util.Locale;

/**
 * Value tiers, tagged {@code tier_key} and so on: key users bring the most, potential users could, occasional
 * users buy little and seldom, general users are the rest. The rule: {@link RfmRules#valueTiers()}.
 */
public enum ValueTier {
    KEY, POTENTIAL, GENERAL, OCCASIONAL;

    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
