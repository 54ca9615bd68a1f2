package io.userops.schemas.serde;

/** The Confluent TopicNameStrategy: subject {@code <topic>-value} or {@code <topic>-key}. */
public final class Subjects {

    private Subjects() {
    }

    public static String of(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    public static String value(String topic) {
        return of(topic, false);
    }
}
