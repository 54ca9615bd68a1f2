package io.userops.segmentation.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** A user's lifecycle stage. Definitions and defaults: docs/lifecycle.md. */
public enum Stage {
    NEW, ACTIVATED, ENGAGED, AT_RISK, DORMANT, CHURNED, RESURRECTED;

    /** Stages that silence (or a drop below the user's own baseline) can move to AT_RISK. */
    static final Set<Stage> ACTIVE_STAGES = EnumSet.of(NEW, ACTIVATED, ENGAGED, RESURRECTED);

    boolean isActive() {
        return ACTIVE_STAGES.contains(this);
    }
}
