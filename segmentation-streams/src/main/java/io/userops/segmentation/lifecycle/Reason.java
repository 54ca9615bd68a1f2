package io.userops.segmentation.lifecycle;

/** Why a transition happened: the stable codes consumers match on. */
public enum Reason {
    FIRST_SEEN("first_seen"),
    ACTIVATION_CRITERION_MET("activation_criterion_met"),
    SUSTAINED_ACTIVITY("sustained_activity"),
    ACTIVITY_RESUMED("activity_resumed"),
    ACTIVITY_BELOW_BASELINE("activity_below_baseline"),
    SILENT_AT_RISK_THRESHOLD("silent_at_risk_threshold"),
    SILENT_DORMANT_THRESHOLD("silent_dormant_threshold"),
    SILENT_CHURNED_THRESHOLD("silent_churned_threshold"),
    ACTIVITY_AFTER_DORMANCY("activity_after_dormancy"),
    ACTIVITY_AFTER_CHURN("activity_after_churn"),
    LATE_ACTIVITY_CORRECTION("late_activity_correction"),
    IDENTITY_MERGED("identity_merged");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Reason fromCode(String code) {
        for (Reason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown reason code " + code);
    }
}
