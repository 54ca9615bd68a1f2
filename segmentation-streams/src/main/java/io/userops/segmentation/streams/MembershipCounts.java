package io.userops.segmentation.streams;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Users per tag, per segment and per RFM score, and the members of each segment in user-id order: kept
 * next to the profiles so that the query API answers sizes from a handful of keys and pages through a
 * segment with a range read, never a scan of every profile.
 */
public final class MembershipCounts {

    public static final String TAG = "tag|";
    public static final String SEGMENT = "segment|";
    public static final String RFM = "rfm|";
    private static final byte[] MEMBER = new byte[0];
    private static final Pattern RFM_TAG = Pattern.compile("rfm_([rfm])(\\d)");

    private final KeyValueStore<String, Long> counts;
    private final KeyValueStore<String, byte[]> members;

    MembershipCounts(KeyValueStore<String, Long> counts, KeyValueStore<String, byte[]> members) {
        this.counts = counts;
        this.members = members;
    }

    /** The user's tags and segments went from {@code before} to {@code after}. */
    void change(String userId, Set<String> tagsBefore, Set<String> tagsAfter, Set<String> segmentsBefore,
            Set<String> segmentsAfter) {
        for (String tag : tagsBefore) {
            if (!tagsAfter.contains(tag)) {
                add(TAG + tag, -1);
            }
        }
        for (String tag : tagsAfter) {
            if (!tagsBefore.contains(tag)) {
                add(TAG + tag, 1);
            }
        }
        for (String segment : segmentsBefore) {
            if (!segmentsAfter.contains(segment)) {
                add(SEGMENT + segment, -1);
                members.put(memberKey(segment, userId), null);
            }
        }
        for (String segment : segmentsAfter) {
            if (!segmentsBefore.contains(segment)) {
                add(SEGMENT + segment, 1);
                members.put(memberKey(segment, userId), MEMBER);
            }
        }
        String scoreBefore = rfmScore(tagsBefore);
        String scoreAfter = rfmScore(tagsAfter);
        if (!scoreAfter.equals(scoreBefore)) {
            if (!scoreBefore.isEmpty()) {
                add(RFM + scoreBefore, -1);
            }
            if (!scoreAfter.isEmpty()) {
                add(RFM + scoreAfter, 1);
            }
        }
    }

    /** {@code <segment> NUL <userId>}: a segment's members are one contiguous range, in user-id order. */
    public static String memberKey(String segment, String userId) {
        return segment + '\u0000' + userId;
    }

    /** The last possible member key of a segment: range reads end here. */
    public static String lastMemberKey(String segment) {
        return segment + '\u0001';
    }

    /** {@code r5f4m3} from the user's {@code rfm_r5}, {@code rfm_f4}, {@code rfm_m3} tags, or empty when unscored. */
    static String rfmScore(Set<String> tags) {
        char[] score = {'r', '?', 'f', '?', 'm', '?'};
        int found = 0;
        for (String tag : tags) {
            Matcher m = RFM_TAG.matcher(tag);
            if (m.matches()) {
                int at = "rfm".indexOf(m.group(1).charAt(0)) * 2 + 1;
                score[at] = m.group(2).charAt(0);
                found++;
            }
        }
        return found == 3 ? new String(score) : "";
    }

    private void add(String key, long delta) {
        Long current = counts.get(key);
        long next = (current == null ? 0 : current) + delta;
        if (next == 0) {
            counts.delete(key);
        } else {
            counts.put(key, next);
        }
    }
}
