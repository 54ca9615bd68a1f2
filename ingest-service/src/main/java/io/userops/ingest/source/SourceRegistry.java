package io.userops.ingest.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Write keys and the sources they open. Parsed from {@code key=source[:client|server][:events-per-second]},
 * comma separated, e.g. {@code dev-write-key=dev,srv-key=backend:server:500}.
 */
public final class SourceRegistry {

    private final Map<String, Source> sourcesByWriteKey;

    public SourceRegistry(Map<String, Source> sourcesByWriteKey) {
        if (sourcesByWriteKey.isEmpty()) {
            throw new IllegalArgumentException("at least one write key is needed");
        }
        this.sourcesByWriteKey = Map.copyOf(sourcesByWriteKey);
    }

    public Optional<Source> forWriteKey(String writeKey) {
        return writeKey == null ? Optional.empty() : Optional.ofNullable(sourcesByWriteKey.get(writeKey));
    }

    public List<Source> sources() {
        return List.copyOf(sourcesByWriteKey.values());
    }

    public int size() {
        return sourcesByWriteKey.size();
    }

    /** @throws IllegalArgumentException naming the entry that is wrong */
    public static SourceRegistry parse(String spec) {
        Map<String, Source> sources = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new IllegalArgumentException("write key entry '" + trimmed + "' is not key=source[:kind][:rate]");
            }
            String key = trimmed.substring(0, eq);
            String[] parts = trimmed.substring(eq + 1).split(":");
            SourceKind kind = SourceKind.CLIENT;
            java.util.OptionalInt rate = java.util.OptionalInt.empty();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].trim();
                if (part.equalsIgnoreCase("client") || part.equalsIgnoreCase("server")) {
                    kind = SourceKind.valueOf(part.toUpperCase(java.util.Locale.ROOT));
                } else {
                    try {
                        rate = java.util.OptionalInt.of(Integer.parseInt(part));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("write key entry for source '" + parts[0]
                                + "': '" + part + "' is neither client, server nor a rate in events/s");
                    }
                }
            }
            if (sources.put(key, new Source(parts[0].trim(), kind, rate)) != null) {
                throw new IllegalArgumentException("write key of source '" + parts[0] + "' is listed twice");
            }
        }
        return new SourceRegistry(sources);
    }
}
