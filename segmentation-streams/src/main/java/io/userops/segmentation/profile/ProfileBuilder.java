package io.userops.segmentation.profile;

import io.userops.segmentation.profile.EventFacts.DeviceClass;
import io.userops.segmentation.profile.Profile.Trait;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The profile rules as pure functions: an event applied to a profile, two profiles merged, the computed
 * traits of a profile at an instant. Times of day are the user's local times (their latest known zone,
 * else UTC).
 */
public final class ProfileBuilder {

    private final ProfileRules rules;

    public ProfileBuilder(ProfileRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public Profile apply(Profile current, String userId, EventFacts event) {
        Profile p = current == null ? Profile.empty(userId) : current;
        Instant at = event.at();
        Map<String, Trait> traits = p.traits();
        if (!event.traits().isEmpty()) {
            traits = new HashMap<>(traits);
            for (Map.Entry<String, Object> trait : event.traits().entrySet()) {
                Trait known = traits.get(trait.getKey());
                if (known == null || !known.at().isAfter(at)) {
                    traits.put(trait.getKey(), new Trait(trait.getValue(), at));
                }
            }
        }
        String zone = event.zone() != null && (p.lastSeen() == null || !at.isBefore(p.lastSeen()))
                ? event.zone().getId() : p.zone();
        if (!counts(event)) {
            return new Profile(p.userId(), traits, p.firstSeen(), p.lastSeen(), p.events(), p.dailyCounts(), p.sessions(),
                    p.activeDays(), p.hours(), p.weekdays(), p.platforms(), p.devices(), p.orders(), p.totalRevenue(),
                    p.lastPurchase(), p.currency(), zone);
        }
        ZonedDateTime local = at.atZone(zoneOf(zone));
        long day = local.toLocalDate().toEpochDay();
        NavigableMap<Long, Map<String, Integer>> daily = new TreeMap<>(p.dailyCounts());
        boolean newDay = !daily.containsKey(day)
                && (daily.isEmpty() || day > daily.lastKey() - rules.retainedDays());
        Map<String, Integer> today = new HashMap<>(daily.getOrDefault(day, Map.of()));
        today.merge(countedName(event), 1, Integer::sum);
        daily.put(day, today);
        daily.headMap(daily.lastKey() - rules.retainedDays(), true).clear();
        long[] hours = p.hours();
        hours[local.getHour()]++;
        long[] weekdays = p.weekdays();
        weekdays[local.getDayOfWeek().getValue() - 1]++;
        boolean newSession = p.lastSeen() == null || at.isAfter(p.lastSeen().plus(rules.sessionGap()));
        boolean purchase = "track".equals(event.type()) && rules.purchaseEvents().contains(event.name());
        double revenue = purchase && event.revenue() != null ? event.revenue() : 0;
        return new Profile(p.userId(), traits, min(p.firstSeen(), at), max(p.lastSeen(), at), p.events() + 1, daily,
                p.sessions() + (newSession ? 1 : 0), p.activeDays() + (newDay ? 1 : 0), hours, weekdays,
                plus(p.platforms(), event.platform()), plus(p.devices(), event.device()),
                p.orders() + (purchase ? 1 : 0), p.totalRevenue() + revenue,
                purchase ? max(p.lastPurchase(), at) : p.lastPurchase(),
                purchase && event.currency() != null ? event.currency() : p.currency(), zone);
    }

    /**
     * One profile from two identities of one person: counts add up, the earliest first-seen and latest
     * last-seen win, and per trait the value set at the later event time.
     */
    public Profile merge(Profile target, Profile retired, String userId) {
        if (target == null) {
            return retired.renamed(userId);
        }
        Map<String, Trait> traits = new HashMap<>(target.traits());
        retired.traits().forEach((name, trait) -> traits.merge(name, trait,
                (mine, theirs) -> theirs.at().isAfter(mine.at()) ? theirs : mine));
        NavigableMap<Long, Map<String, Integer>> daily = new TreeMap<>(target.dailyCounts());
        long sharedDays = 0;
        for (Map.Entry<Long, Map<String, Integer>> day : retired.dailyCounts().entrySet()) {
            Map<String, Integer> counts = new HashMap<>(daily.getOrDefault(day.getKey(), Map.of()));
            sharedDays += counts.isEmpty() ? 0 : 1;
            day.getValue().forEach((name, n) -> counts.merge(name, n, Integer::sum));
            daily.put(day.getKey(), counts);
        }
        if (!daily.isEmpty()) {
            daily.headMap(daily.lastKey() - rules.retainedDays(), true).clear();
        }
        boolean retiredIsNewer = retired.lastSeen() != null
                && (target.lastSeen() == null || retired.lastSeen().isAfter(target.lastSeen()));
        return new Profile(userId, traits, min(target.firstSeen(), retired.firstSeen()),
                max(target.lastSeen(), retired.lastSeen()), target.events() + retired.events(), daily,
                target.sessions() + retired.sessions(), target.activeDays() + retired.activeDays() - sharedDays,
                add(target.hours(), retired.hours()), add(target.weekdays(), retired.weekdays()),
                sum(target.platforms(), retired.platforms()), sum(target.devices(), retired.devices()),
                target.orders() + retired.orders(), target.totalRevenue() + retired.totalRevenue(),
                max(target.lastPurchase(), retired.lastPurchase()),
                target.currency() != null ? target.currency() : retired.currency(),
                retiredIsNewer && retired.zone() != null ? retired.zone() : target.zone());
    }

    /** The computed traits at {@code now}: what segments, tags and the query API read. */
    public ComputedTraits computed(Profile p, Instant now) {
        long today = now.atZone(zoneOf(p.zone())).toLocalDate().toEpochDay();
        int[] windows = rules.windowDays();
        java.util.List<Map<String, Long>> perWindow = new java.util.ArrayList<>();
        for (int days : windows) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            p.dailyCounts().tailMap(today - days, false).headMap(today, true).values()
                    .forEach(day -> day.forEach((name, n) -> counts.merge(name, (long) n, Long::sum)));
            perWindow.add(counts);
        }
        return new ComputedTraits(p.firstSeen(), p.lastSeen(), p.lastPurchase(), p.events(), p.orders(),
                p.totalRevenue(), p.orders() == 0 ? 0 : p.totalRevenue() / p.orders(), p.sessions(), p.activeDays(),
                argMax(p.hours()), argMax(p.weekdays()) < 0 ? null : java.time.DayOfWeek.of(argMax(p.weekdays()) + 1),
                mostFrequent(p.platforms()), mostFrequent(p.devices()), share(p.devices(), DeviceClass.MOBILE),
                weekendShare(p.weekdays()), nightShare(p.hours()), windows, perWindow);
    }

    private static boolean counts(EventFacts event) {
        return switch (event.type()) {
            case "track", "page", "screen" -> true;
            default -> false;
        };
    }

    /** Track events count under their name; page and screen views under "page" and "screen". */
    private static String countedName(EventFacts event) {
        return "track".equals(event.type()) && event.name() != null ? event.name() : event.type();
    }

    static ZoneId zoneOf(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static <K> Map<K, Long> plus(Map<K, Long> counts, K key) {
        if (key == null) {
            return counts;
        }
        Map<K, Long> next = new HashMap<>(counts);
        next.merge(key, 1L, Long::sum);
        return next;
    }

    private static <K> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b) {
        Map<K, Long> next = new HashMap<>(a);
        b.forEach((k, n) -> next.merge(k, n, Long::sum));
        return next;
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /** The index of the largest count (the earliest on a tie), -1 when all are zero. */
    private static int argMax(long[] counts) {
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) {
                best = i;
            }
        }
        return best;
    }

    /** The key with the highest count; on a tie, the smallest key. */
    private static <K extends Comparable<K>> K mostFrequent(Map<K, Long> counts) {
        K best = null;
        long bestCount = 0;
        for (Map.Entry<K, Long> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount || (entry.getValue() == bestCount && best != null
                    && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }

    private static double share(Map<DeviceClass, Long> devices, DeviceClass device) {
        long total = devices.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? 0 : (double) devices.getOrDefault(device, 0L) / total;
    }

    private static double weekendShare(long[] weekdays) {
        long total = java.util.Arrays.stream(weekdays).sum();
        return total == 0 ? 0 : (double) (weekdays[5] + weekdays[6]) / total;
    }

    /** Events between 22:00 and 05:59 local time, as a share of all. */
    private static double nightShare(long[] hours) {
        long total = java.util.Arrays.stream(hours).sum();
        long night = 0;
        for (int h : new int[] {22, 23, 0, 1, 2, 3, 4, 5}) {
            night += hours[h];
        }
        return total == 0 ? 0 : (double) night / total;
    }
}
