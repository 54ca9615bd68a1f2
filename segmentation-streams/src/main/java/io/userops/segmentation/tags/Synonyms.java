package io.userops.segmentation.tags;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canonical names and the texts that mean them, compared in {@linkplain TagNames#tagForm tag form}: each
 * canonical name means itself, so {@code engineer} with the synonym {@code "Software Engineer"} matches
 * {@code ENGINEER} and {@code software-engineer}.
 */
public final class Synonyms {

    private final Map<String, String> canonicalByForm;

    private Synonyms(Map<String, String> canonicalByForm) {
        this.canonicalByForm = Map.copyOf(canonicalByForm);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @param synonymsByName canonical names and their synonyms */
    public static Synonyms of(Map<String, List<String>> synonymsByName) {
        Builder builder = builder();
        synonymsByName.forEach((name, synonyms) -> {
            builder.name(name);
            synonyms.forEach(synonym -> builder.synonym(name, synonym));
        });
        return builder.build();
    }

    /** The canonical name, in tag form, that the text means. */
    public Optional<String> canonical(String text) {
        return Optional.ofNullable(canonicalByForm.get(TagNames.tagForm(text)));
    }

    /** Fails at the first name or synonym that is empty in tag form, repeated, or claimed by two names. */
    public static final class Builder {

        private final Map<String, String> canonicalByForm = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException when the name is empty in tag form or already known */
        public Builder name(String name) {
            String form = formOf(name);
            String earlier = canonicalByForm.get(form);
            if (earlier != null) {
                throw new IllegalArgumentException(earlier.equals(form) ? "'" + name + "' gives the same tag ("
                        + form + ") as an earlier name" : "'" + name + "' is already a synonym of " + earlier);
            }
            canonicalByForm.put(form, form);
            return this;
        }

        /** @throws IllegalArgumentException when the text is empty in tag form or already means a name */
        public Builder synonym(String name, String text) {
            String canonical = TagNames.tagForm(name);
            String form = formOf(text);
            String earlier = canonicalByForm.get(form);
            if (earlier != null) {
                throw new IllegalArgumentException("'" + text + "' " + (earlier.equals(canonical)
                        ? "is listed twice for " + canonical : "already means " + earlier));
            }
            canonicalByForm.put(form, canonical);
            return this;
        }

        public Synonyms build() {
            return new Synonyms(canonicalByForm);
        }

        private static String formOf(String text) {
            String form = TagNames.tagForm(text);
            if (form.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has no letters or digits");
            }
            return form;
        }
    }
}
