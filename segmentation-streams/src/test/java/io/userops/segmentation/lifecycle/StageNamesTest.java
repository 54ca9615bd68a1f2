package io.userops.segmentation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.rules.segments.SegmentExpression;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StageNamesTest {

    @Test
    void shouldGiveTheExpressionLanguageExactlyTheLifecycleStages() {
        assertThat(SegmentExpression.STAGES).containsExactly(Arrays.stream(Stage.values()).map(Enum::name)
                .toArray(String[]::new));
    }
}
