package io.userops.segmentation.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * The linking rules, as pure functions. A link is claimed on the user's side (the user's partition knows
 * how many identifiers the user has) and granted on the identifier's side (its partition knows whether
 * another user holds it already), so each check happens where its facts live.
 */
public final class IdentityGraph {

    private final IdentityRules rules;

    public IdentityGraph(IdentityRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** What the user's side does when an event names the user and another identifier. */
    public sealed interface Claim {
        UserIdentities next();
    }

    /** Already linked, or refused before: nothing to do. */
    public record Known(UserIdentities next) implements Claim {
    }

    /** A new identifier: recorded, and a link request goes to the identifier's side. */
    public record Requested(UserIdentities next) implements Claim {
    }

    /** Over the cap: recorded as refused, no link. */
    public record Refused(UserIdentities next, RefusalReason reason) implements Claim {
    }

    public Claim claim(UserIdentities current, String identifier, Instant at) {
        UserIdentities identities = current == null ? UserIdentities.NONE : current;
        if (identities.has(identifier) || identities.wasRefused(identifier)) {
            return new Known(identities);
        }
        if (identities.identifiers().size() >= rules.maxIdentifiersPerUser()) {
            return new Refused(identities.refused(identifier, RefusalReason.IDENTIFIER_CAP_REACHED, at),
                    RefusalReason.IDENTIFIER_CAP_REACHED);
        }
        return new Requested(identities.with(identifier));
    }

    /** What the identifier's side answers to a link request. */
    public enum Grant {
        /** The identifier had no owner: it is linked now, and its own profile is to be retired into the user. */
        LINKED,
        /** The identifier already belongs to this user. */
        ALREADY_LINKED,
        /** The identifier belongs to another user: refused. */
        REFUSED
    }

    public Grant grant(String currentOwner, String claimant) {
        if (currentOwner == null) {
            return Grant.LINKED;
        }
        return currentOwner.equals(claimant) ? Grant.ALREADY_LINKED : Grant.REFUSED;
    }

    /** The user's side learns that its claim was refused. */
    public UserIdentities refusedByOwner(UserIdentities current, String identifier, Instant at) {
        UserIdentities identities = current == null ? UserIdentities.NONE : current;
        return identities.refused(identifier, RefusalReason.LINKED_TO_ANOTHER_USER, at);
    }
}
