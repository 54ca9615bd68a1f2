package io.userops.segmentation.streams;

import io.userops.segmentation.profile.Profile;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** A user's profile as stored, with the tags and segments last emitted for it: what the next change is diffed against. */
public record StoredProfile(Profile profile, SortedSet<String> tags, SortedSet<String> segments) {

    public StoredProfile {
        Objects.requireNonNull(profile, "profile");
        tags = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        segments = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(segments));
    }

    public static StoredProfile of(Profile profile) {
        return new StoredProfile(profile, new TreeSet<>(), new TreeSet<>());
    }

    StoredProfile with(Profile next) {
        return new StoredProfile(next, tags, segments);
    }

    StoredProfile withMemberships(Set<String> nextTags, Set<String> nextSegments) {
        return new StoredProfile(profile, new TreeSet<>(nextTags), new TreeSet<>(nextSegments));
    }
}
