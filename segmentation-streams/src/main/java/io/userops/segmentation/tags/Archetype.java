package io.userops.segmentation.tags;

import java.util.Locale;

/**
 * The RFM archetypes a rules file may name, after the usual RFM segment names; tagged
 * {@code archetype_champions} and so on. Which scores make which archetype: {@link RfmRules#archetypes()}.
 */
public enum Archetype {
    CHAMPIONS, LOYAL, POTENTIAL_LOYALIST, NEW, PROMISING, NEED_ATTENTION, ABOUT_TO_SLEEP, AT_RISK,
    CANT_LOSE_THEM, HIBERNATING, LOST;

    /** The name in files and tags: {@code potential_loyalist}. */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
