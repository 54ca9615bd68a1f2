package io.userops.rules.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.userops.rules.yaml.YamlNode.Entry;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.rules.yaml.YamlNode.Scalar;
import io.userops.rules.yaml.YamlNode.Sequence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document of nested mappings into {@link YamlNode}s with their lines, rejecting syntax errors,
 * duplicate keys, aliases and further documents. Syntax errors name the last key read before them.
 */
public final class YamlTreeReader {

    public static final String ROOT = "(root)";

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final String text;
    private final YAMLParser parser;
    private String lastPath = ROOT;

    private YamlTreeReader(String file, String text, YAMLParser parser) {
        this.file = file;
        this.text = text;
        this.parser = parser;
    }

    public static Mapping read(String yaml, String file) {
        YAMLParser parser;
        try {
            parser = FACTORY.createParser(yaml);
        } catch (IOException e) {
            throw new InvalidRulesFileException(file, 1, ROOT, "invalid YAML: " + e.getMessage(), e);
        }
        try (parser) {
            return new YamlTreeReader(file, yaml, parser).document();
        } catch (IOException e) {
            throw new InvalidRulesFileException(file, 1, ROOT, "invalid YAML: " + e.getMessage(), e);
        }
    }

    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Mapping document() {
        JsonToken first = next();
        Mapping root;
        if (first == null || first == JsonToken.VALUE_NULL) {
            root = new Mapping(1, Map.of());
        } else if (first == JsonToken.START_OBJECT) {
            root = mapping("");
        } else {
            int line = line();
            throw fail(line, ROOT, "expected settings as key: value lines, but the document is "
                    + describe(value(first, ROOT)));
        }
        if (next() != null) {
            throw fail(line(), ROOT, "the file holds more than one YAML document (--- starts another); keep one");
        }
        return root;
    }

    private Mapping mapping(String path) {
        int line = line();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonToken token = next(); token != JsonToken.END_OBJECT; token = next()) {
            if (token != JsonToken.FIELD_NAME) {
                throw fail(line(), path.isEmpty() ? ROOT : path, "expected a key, but found " + token);
            }
            String key = name();
            int keyLine = line();
            String keyPath = join(path, key);
            Entry first = entries.get(key);
            if (first != null) {
                throw fail(keyLine, keyPath, "is set twice (first on line " + first.line() + "); keep one");
            }
            lastPath = keyPath;
            entries.put(key, new Entry(key, keyLine, value(next(), keyPath)));
        }
        return new Mapping(line, entries);
    }

    private YamlNode value(JsonToken token, String path) {
        if (token == JsonToken.START_OBJECT) {
            return mapping(path);
        }
        if (token == JsonToken.START_ARRAY) {
            int line = line();
            List<YamlNode> items = new ArrayList<>();
            for (JsonToken item = next(); item != JsonToken.END_ARRAY; item = next()) {
                items.add(value(item, path));
            }
            return new Sequence(line, items);
        }
        if (token == null || !token.isScalarValue()) {
            throw fail(line(), path, "unexpected " + (token == null ? "end of file" : token));
        }
        try {
            Number number = token.isNumeric() ? parser.getNumberValue() : null;
            return new Scalar(line(), token, parser.getText(), number);
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    public static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a section";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Scalar scalar = (Scalar) node;
        if (scalar.isNull()) {
            return "empty";
        }
        return scalar.token() == JsonToken.VALUE_STRING ? "'" + scalar.text() + "'" : scalar.text();
    }

    private JsonToken next() {
        try {
            JsonToken token = parser.nextToken();
            if (token != null && parser.isCurrentAlias()) {
                throw fail(line(), lastPath, "aliases such as *" + parser.getText()
                        + " are not supported; write the value out");
            }
            return token;
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    private String name() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    private int line() {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    private InvalidRulesFileException syntaxError(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return syntaxError(marked, e);
            }
        }
        int line = e instanceof JsonProcessingException p && p.getLocation() != null ? p.getLocation().getLineNr() : 1;
        String reason = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return fail(Math.max(1, line), lastPath, "invalid YAML: " + oneLine(reason), e);
    }

    private InvalidRulesFileException syntaxError(MarkedYAMLException marked, IOException e) {
        Mark mark = marked.getProblemMark();
        Mark context = marked.getContextMark();
        if (context != null && mark.getIndex() >= text.codePointCount(0, text.length())) {
            mark = context;
        }
        String reason = "invalid YAML: " + oneLine(marked.getProblem());
        if (marked.getContext() != null) {
            reason += " (" + oneLine(marked.getContext())
                    + (context == null ? "" : " started on line " + (context.getLine() + 1)) + ")";
        }
        return fail(mark.getLine() + 1, lastPath, reason, e);
    }

    private static String oneLine(String text) {
        return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private InvalidRulesFileException fail(int line, String path, String reason) {
        return fail(line, path, reason, null);
    }

    private InvalidRulesFileException fail(int line, String path, String reason, Throwable cause) {
        return new InvalidRulesFileException(file, line, path, reason, cause);
    }
}
