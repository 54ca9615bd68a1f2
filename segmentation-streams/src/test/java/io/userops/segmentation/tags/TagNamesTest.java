package io.userops.segmentation.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagNamesTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Shanghai           | shanghai",
            "New York           | new_york",
            "  new-york!        | new_york",
            "São  Paulo         | sao_paulo",
            "Xi'an              | xi_an",
            "ＭＡＬＥ            | male",
            "上海               | 上海",
            "Software Engineer  | software_engineer",
            "25-34              | 25_34",
            "'!!'               | ''",
    })
    void shouldPutTextInTagForm(String text, String form) {
        assertThat(TagNames.tagForm(text)).isEqualTo(form);
    }

    @Test
    void shouldNameTagsFamilyThenValue() {
        assertThat(TagNames.tag("city", "New York")).isEqualTo("city_new_york");
        assertThat(TagNames.familyOf("city_new_york")).isEqualTo("city");
        assertThat(TagNames.familyOf("loose")).isEqualTo("loose");
    }

    @Test
    void shouldRejectFamiliesOtherThanLowerCaseLettersAndValuesWithoutLettersOrDigits() {
        assertThatThrownBy(() -> TagNames.tag("value_tier", "key")).hasMessageContaining("lower-case letters a-z");
        assertThatThrownBy(() -> TagNames.tag("City", "x")).hasMessageContaining("lower-case letters a-z");
        assertThatThrownBy(() -> TagNames.tag("city", " - ")).hasMessageContaining("no letters or digits");
    }

    @Property
    void tagFormIsIdempotent(@ForAll String text) {
        String form = TagNames.tagForm(text);

        assertThat(TagNames.tagForm(form)).isEqualTo(form);
        assertThat(form).doesNotStartWith("_").doesNotEndWith("_").doesNotContain("__");
    }
}
