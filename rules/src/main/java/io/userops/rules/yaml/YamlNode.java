package io.userops.rules.yaml;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Map;

/** A YAML value that remembers the line it starts on. */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    record Entry(String key, int line, YamlNode value) {
    }

    /** Entries by key, in file order. */
    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
    }

    /** {@code number} is set for numeric tokens only. */
    record Scalar(int line, JsonToken token, String text, Number number) implements YamlNode {

        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }
}
