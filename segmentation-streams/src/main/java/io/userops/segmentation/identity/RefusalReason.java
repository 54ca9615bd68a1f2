package io.userops.segmentation.identity;

/** Why two identifiers were not linked. */
public enum RefusalReason {
    /** The anonymous id (or previous id) already belongs to another identified user: never merge two users. */
    LINKED_TO_ANOTHER_USER("linked_to_another_user"),
    /** The user already has the most identifiers allowed. */
    IDENTIFIER_CAP_REACHED("identifier_cap_reached");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
