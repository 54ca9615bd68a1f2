package io.userops.trigger.config;

import com.fasterxml.jackson.core.JsonToken;
import io.userops.rules.yaml.HumanDuration;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.YamlNode;
import io.userops.rules.yaml.YamlNode.Entry;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.rules.yaml.YamlNode.Scalar;
import io.userops.rules.yaml.YamlNode.Sequence;
import io.userops.rules.yaml.YamlTreeReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One value of a campaigns file with where it is ({@code path}, {@code line}), and readers that report a value
 * of the wrong kind at its own line.
 */
record FileNode(String file, String path, int line, YamlNode node) {

    /** A section whose keys must all be among {@code known}. */
    Section section(List<String> known, String what) {
        if (!(node instanceof Mapping mapping)) {
            throw wrongType(what);
        }
        Section section = new Section(this, mapping);
        for (Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                throw new InvalidRulesFileException(file, entry.line(), YamlTreeReader.join(path, entry.key()),
                        "unknown key '" + entry.key() + "'; " + (path.isEmpty() ? "the file holds " : path
                                + " holds ") + String.join(", ", known), null);
            }
        }
        return section;
    }

    /** A section of any keys, such as locales; each entry is a node of its own. */
    List<FileNode> entries(String what) {
        if (!(node instanceof Mapping mapping)) {
            throw wrongType(what);
        }
        return mapping.entries().values().stream().map(e -> child(e)).toList();
    }

    List<FileNode> items(String what) {
        if (!(node instanceof Sequence list)) {
            throw wrongType(what);
        }
        List<FileNode> items = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            items.add(new FileNode(file, path + "[" + i + "]", item.line(), item));
        }
        return items;
    }

    /** The key of this node when it is an entry of a section. */
    String key() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    Scalar scalar(String what) {
        if (!(node instanceof Scalar scalar) || scalar.isNull()) {
            throw wrongType(what);
        }
        return scalar;
    }

    String text(String what) {
        Scalar scalar = scalar(what);
        if (scalar.token() == JsonToken.VALUE_TRUE || scalar.token() == JsonToken.VALUE_FALSE) {
            throw wrongType(what);
        }
        return scalar.text();
    }

    int wholeNumber(String what) {
        Scalar scalar = scalar(what);
        if (scalar.token() != JsonToken.VALUE_NUMBER_INT || !(scalar.number() instanceof Integer)) {
            throw wrongType(what);
        }
        return scalar.number().intValue();
    }

    double number(String what) {
        Scalar scalar = scalar(what);
        if (scalar.number() == null || !Double.isFinite(scalar.number().doubleValue())) {
            throw wrongType(what);
        }
        return scalar.number().doubleValue();
    }

    Duration duration() {
        String text = text("a duration such as 2d");
        return build(() -> HumanDuration.parse(text));
    }

    /** Runs a step of building, reporting its rejection at this node. */
    <T> T build(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    InvalidRulesFileException fail(String reason) {
        return new InvalidRulesFileException(file, line, path, reason, null);
    }

    InvalidRulesFileException wrongType(String expected) {
        return fail("expected " + expected + ", but got " + YamlTreeReader.describe(node));
    }

    FileNode child(Entry entry) {
        return new FileNode(file, YamlTreeReader.join(path, entry.key()), entry.line(), entry.value());
    }

    /** A mapping of the file whose keys were checked. */
    record Section(FileNode at, Mapping mapping) {

        Optional<FileNode> optional(String key) {
            Entry entry = mapping.entries().get(key);
            if (entry == null) {
                return Optional.empty();
            }
            FileNode child = at.child(entry);
            if (entry.value() instanceof Scalar s && s.isNull()) {
                throw child.fail("has no value; set one, or leave the key out");
            }
            return Optional.of(child);
        }

        FileNode required(String key, String what) {
            return optional(key).orElseThrow(() -> new InvalidRulesFileException(at.file(), mapping.line(),
                    at.path().isEmpty() ? YamlTreeReader.ROOT : at.path(), what + " has no " + key, null));
        }

        boolean has(String key) {
            return mapping.entries().containsKey(key);
        }
    }
}
