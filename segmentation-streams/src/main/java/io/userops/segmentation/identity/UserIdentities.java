package io.userops.segmentation.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The identifiers linked to one user (anonymous ids, aliases' previous ids), oldest first, and the links
 * that were refused, newest last (at most {@link #REFUSALS_KEPT}).
 */
public record UserIdentities(List<String> identifiers, List<Refusal> refusals) {

    public static final int REFUSALS_KEPT = 10;
    public static final UserIdentities NONE = new UserIdentities(List.of(), List.of());

    public UserIdentities {
        identifiers = List.copyOf(identifiers);
        refusals = List.copyOf(refusals);
    }

    /** A link that was not made, and why. */
    public record Refusal(String identifier, RefusalReason reason, Instant at) {
        public Refusal {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    public boolean has(String identifier) {
        return identifiers.contains(identifier);
    }

    UserIdentities with(String identifier) {
        List<String> next = new ArrayList<>(identifiers);
        next.add(identifier);
        return new UserIdentities(next, refusals);
    }

    UserIdentities refused(String identifier, RefusalReason reason, Instant at) {
        List<String> remaining = identifiers.stream().filter(id -> !id.equals(identifier)).toList();
        List<Refusal> next = new ArrayList<>(refusals);
        next.add(new Refusal(identifier, reason, at));
        return new UserIdentities(remaining, next.subList(Math.max(0, next.size() - REFUSALS_KEPT), next.size()));
    }

    boolean wasRefused(String identifier) {
        return refusals.stream().anyMatch(r -> r.identifier().equals(identifier));
    }
}
