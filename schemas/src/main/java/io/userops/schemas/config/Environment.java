package io.userops.schemas.config;

import io.userops.schemas.registry.SchemaRegistryConfig;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reading the {@code USEROPS_*} environment the same way in every service. */
public final class Environment {

    private Environment() {
    }

    /** A whole number, or {@code fallback} when unset or blank; anything else fails naming the variable. */
    public static int integer(Map<String, String> env, String name, int fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
        }
    }

    /**
     * Kafka client settings passed through under a prefix: with prefix {@code USEROPS_INGEST_KAFKA_},
     * {@code USEROPS_INGEST_KAFKA_LINGER_MS=10} gives {@code linger.ms=10}.
     */
    public static Map<String, String> kafkaSettings(Map<String, String> env, String prefix) {
        Map<String, String> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                settings.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return settings;
    }

    /** From {@code USEROPS_SCHEMA_REGISTRY_URL} (default the development registry) and {@code _BASIC_AUTH}. */
    public static SchemaRegistryConfig schemaRegistry(Map<String, String> env) {
        return new SchemaRegistryConfig(URI.create(env.getOrDefault("USEROPS_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8085")),
                Optional.ofNullable(env.get("USEROPS_SCHEMA_REGISTRY_BASIC_AUTH")), SchemaRegistryConfig.DEFAULT_TIMEOUT, true);
    }
}
