package io.userops.trigger.campaign;

import io.userops.rules.segments.SegmentExpression;

/** Lifecycle stage names as the expression language spells them. */
final class Stages {

    private Stages() {
    }

    static String require(String stage, String what) {
        if (stage == null || !SegmentExpression.STAGES.contains(stage)) {
            throw new IllegalArgumentException("unknown " + what + " stage '" + stage + "'; the stages are "
                    + String.join(", ", SegmentExpression.STAGES));
        }
        return stage;
    }
}
