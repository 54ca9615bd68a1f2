package io.userops.segmentation.streams;

import io.userops.segmentation.profile.Profile;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user's profile as stored, with the tags and segments last emitted for it (what the next change is diffed
 * against) and when they were decided (processing time, epoch ms; {@link #NEVER} before the first time).
 */
public record StoredProfile(Profile profile, SortedSet<String> tags, SortedSet<String> segments, long decidedAt) {

    public static final long NEVER = Long.MIN_VALUE;


    public StoredProfile {
        Objects.requireNonNull(profile, "profile");
        tags = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        segments = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(segments));
    }

    public static StoredProfile of(Profile profile) {
        return new StoredProfile(profile, new TreeSet<>(), new TreeSet<>(), NEVER);
    }

    /** The next profile, memberships as they were decided last. */
    StoredProfile with(Profile next) {
        return new StoredProfile(next, tags, segments, decidedAt);
    }
}
