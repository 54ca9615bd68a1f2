package io.userops.segmentation.profile;

import io.userops.segmentation.profile.EventFacts.DeviceClass;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the profile knows about one user: traits as the client sent them (each with the event time
 * that set it) and the counts the computed traits are derived from.
 *
 * @param dailyCounts events per local day (epoch day in the user's zone) and name, for the retained days only
 * @param hours       events per local hour of day, 24 counts
 * @param weekdays    events per local day of week, Monday first, 7 counts
 * @param zone        the user's latest known time zone id, null for UTC
 */
public record Profile(String userId, Map<String, Trait> traits, Instant firstSeen, Instant lastSeen, long events,
                      NavigableMap<Long, Map<String, Integer>> dailyCounts, long sessions, long activeDays,
                      long[] hours, long[] weekdays, Map<String, Long> platforms, Map<DeviceClass, Long> devices,
                      long orders, double totalRevenue, Instant lastPurchase, String currency, String zone) {

    /** A trait's value and the event time that set it: a late identify never overwrites a newer value. */
    public record Trait(Object value, Instant at) {
        public Trait {
            Objects.requireNonNull(at, "at");
        }
    }

    public Profile {
        Objects.requireNonNull(userId, "userId");
        traits = Map.copyOf(traits);
        dailyCounts = new TreeMap<>(dailyCounts);
        if (hours.length != 24 || weekdays.length != 7) {
            throw new IllegalArgumentException("24 hour counts and 7 weekday counts expected");
        }
        hours = hours.clone();
        weekdays = weekdays.clone();
        platforms = Map.copyOf(platforms);
        devices = Map.copyOf(devices);
    }

    public static Profile empty(String userId) {
        return new Profile(userId, Map.of(), null, null, 0, new TreeMap<>(), 0, 0, new long[24], new long[7], Map.of(),
                Map.of(), 0, 0, null, null, null);
    }

    @Override
    public NavigableMap<Long, Map<String, Integer>> dailyCounts() {
        return java.util.Collections.unmodifiableNavigableMap(dailyCounts);
    }

    @Override
    public long[] hours() {
        return hours.clone();
    }

    @Override
    public long[] weekdays() {
        return weekdays.clone();
    }

    Profile renamed(String newUserId) {
        return new Profile(newUserId, traits, firstSeen, lastSeen, events, dailyCounts, sessions, activeDays, hours,
                weekdays, platforms, devices, orders, totalRevenue, lastPurchase, currency, zone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile p && userId.equals(p.userId) && traits.equals(p.traits)
                && Objects.equals(firstSeen, p.firstSeen) && Objects.equals(lastSeen, p.lastSeen) && events == p.events
                && dailyCounts.equals(p.dailyCounts) && sessions == p.sessions && activeDays == p.activeDays
                && java.util.Arrays.equals(hours, p.hours) && java.util.Arrays.equals(weekdays, p.weekdays)
                && platforms.equals(p.platforms) && devices.equals(p.devices) && orders == p.orders
                && Double.compare(totalRevenue, p.totalRevenue) == 0 && Objects.equals(lastPurchase, p.lastPurchase)
                && Objects.equals(currency, p.currency) && Objects.equals(zone, p.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, traits, firstSeen, lastSeen, events, dailyCounts, sessions, activeDays,
                java.util.Arrays.hashCode(hours), java.util.Arrays.hashCode(weekdays), platforms, devices, orders,
                totalRevenue, lastPurchase, currency, zone);
    }
}
