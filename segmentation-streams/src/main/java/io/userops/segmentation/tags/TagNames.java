package io.userops.segmentation.tags;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tags are named {@code <family>_<value>}: {@code age_25_34}, {@code city_new_york}. The family is lower-case
 * letters only, so the family of a tag is the text before its first underscore. The value is in tag form.
 */
public final class TagNames {

    private static final Pattern FAMILY = Pattern.compile("[a-z]+");
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_|_$");

    private TagNames() {
    }

    /**
     * The tag form of a text: compatibility-normalised (full-width letters become plain), accents dropped,
     * lower case, every run of characters other than letters and digits one underscore, none at the ends.
     * {@code "São  Paulo"} becomes {@code sao_paulo}, {@code "Xi'an"} {@code xi_an}; {@code 上海} stays as it is.
     * Texts are compared in this form, so matching ignores case, accents, spacing and punctuation.
     */
    public static String tagForm(String text) {
        String plain = ACCENTS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String joined = SEPARATORS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("_");
        return EDGE_UNDERSCORES.matcher(joined).replaceAll("");
    }

    /** {@code family_value}, with the value put in tag form. */
    public static String tag(String family, String value) {
        requireFamily(family);
        String form = tagForm(value);
        if (form.isEmpty()) {
            throw new IllegalArgumentException("the value '" + value + "' of family " + family
                    + " has no letters or digits");
        }
        return family + "_" + form;
    }

    /** The text before the first underscore: the family of every tag {@link #tag} names. */
    public static String familyOf(String tag) {
        int underscore = tag.indexOf('_');
        return underscore < 0 ? tag : tag.substring(0, underscore);
    }

    static String requireFamily(String family) {
        if (family == null || !FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException("a tag family is lower-case letters a-z only, but is '" + family + "'");
        }
        return family;
    }
}
