package io.userops.segmentation.profile;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * What one event tells about its user, read out of the event by the topology: the profile rules never
 * see JSON or Avro.
 *
 * @param type      track, page, screen, identify, group or alias
 * @param name      the track event's name, else null
 * @param traits    an identify call's traits (values: String, Number, Boolean, or nested Map/List), else empty
 * @param revenue   the purchase amount an event carries ({@code properties.revenue}, else {@code total}), else null
 * @param platform  the operating system ({@code context.os.name}), else the SDK ({@code context.library.name}), else null
 * @param device    {@link DeviceClass} of the event's device
 * @param zone      the user's time zone ({@code context.timezone}), else null
 */
public record EventFacts(String eventId, Instant at, String type, String name, Map<String, Object> traits,
                         Double revenue, String currency, String platform, DeviceClass device, ZoneId zone) {

    public EventFacts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        traits = traits == null ? Map.of() : traits;
        device = device == null ? DeviceClass.UNKNOWN : device;
    }

    /** The kind of device, as far as the event's context tells. */
    public enum DeviceClass {
        MOBILE, TABLET, DESKTOP, UNKNOWN
    }
}
