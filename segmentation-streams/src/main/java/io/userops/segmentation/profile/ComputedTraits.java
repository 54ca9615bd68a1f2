package io.userops.segmentation.profile;

import io.userops.segmentation.profile.EventFacts.DeviceClass;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's computed traits at one instant, by the names segment expressions and the query API use
 * ({@code computed.totalRevenue}, {@code computed.events7d["Order Completed"]}, ...).
 *
 * @param preferredHour    the local hour of day with the most events, -1 without events
 * @param preferredWeekday the local day of week with the most events, null without events
 * @param mobileShare      the share of events from phones
 * @param weekendShare     the share of events on Saturdays and Sundays, local time
 * @param nightShare       the share of events between 22:00 and 05:59, local time
 * @param windowDays       the window lengths of {@code eventsPerWindow}, e.g. 7, 30, 90
 * @param eventsPerWindow  per window, events per name within the last that many local days (today included)
 */
public record ComputedTraits(Instant firstSeen, Instant lastSeen, Instant lastPurchase, long events, long orders,
                             double totalRevenue, double averageRevenue, long sessions, long activeDays,
                             int preferredHour, DayOfWeek preferredWeekday, String platform, DeviceClass device,
                             double mobileShare, double weekendShare, double nightShare, int[] windowDays,
                             List<Map<String, Long>> eventsPerWindow) {

    public ComputedTraits {
        windowDays = windowDays.clone();
        eventsPerWindow = List.copyOf(eventsPerWindow);
    }

    /** By name, absent values left out: {@code events7d} and the like are maps of counts by event name. */
    public Map<String, Object> asMap() {
        Map<String, Object> all = new LinkedHashMap<>();
        put(all, "firstSeen", firstSeen);
        put(all, "lastSeen", lastSeen);
        put(all, "lastPurchase", lastPurchase);
        all.put("events", events);
        all.put("orders", orders);
        all.put("totalRevenue", totalRevenue);
        all.put("averageRevenue", averageRevenue);
        all.put("sessions", sessions);
        all.put("activeDays", activeDays);
        if (preferredHour >= 0) {
            all.put("preferredHour", (long) preferredHour);
        }
        put(all, "preferredWeekday", preferredWeekday == null ? null : preferredWeekday.name());
        put(all, "platform", platform);
        all.put("device", device == null ? DeviceClass.UNKNOWN.name().toLowerCase(Locale.ROOT)
                : device.name().toLowerCase(Locale.ROOT));
        all.put("mobileShare", mobileShare);
        all.put("weekendShare", weekendShare);
        all.put("nightShare", nightShare);
        for (int i = 0; i < windowDays.length; i++) {
            all.put("events" + windowDays[i] + "d", eventsPerWindow.get(i));
        }
        return all;
    }

    private static void put(Map<String, Object> all, String name, Object value) {
        if (value != null) {
            all.put(name, value);
        }
    }
}
