package io.userops.trigger.campaign;

/** How a campaign reaches a user. The names match the {@code Channel} symbols of the message contract. */
public enum Channel {
    EMAIL,
    WEBHOOK,
    PUSH,
    SMS
}
