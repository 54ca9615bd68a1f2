package io.userops.trigger.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Stats split over partitions merge into the stats of all; stats survive the store's bytes. */
class CampaignStatsProperties {

    @Property
    void theMergeOfTwoPartitionsIsTheStatsOfAllTheirSteps(@ForAll("steps") List<CampaignStep> steps,
            @ForAll List<Boolean> partitionOfEachStep) {
        List<CampaignStep> first = new ArrayList<>();
        List<CampaignStep> second = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            boolean toFirst = i < partitionOfEachStep.size() && partitionOfEachStep.get(i);
            (toFirst ? first : second).add(steps.get(i));
        }

        CampaignStats merged = CampaignStats.EMPTY.applyAll(first).merge(CampaignStats.EMPTY.applyAll(second));

        assertThat(merged).isEqualTo(CampaignStats.EMPTY.applyAll(steps));
    }

    @Property
    void mergingIsCommutativeAndAssociativeWithEmptyAsIdentity(@ForAll("stats") CampaignStats a,
            @ForAll("stats") CampaignStats b, @ForAll("stats") CampaignStats c) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
        assertThat(a.merge(CampaignStats.EMPTY)).isEqualTo(a);
        assertThat(CampaignStats.EMPTY.merge(a)).isEqualTo(a);
    }

    @Property
    void statsReadBackEqualFromTheirBytes(@ForAll("stats") CampaignStats stats) {
        assertThat(CampaignStatsCodec.read(CampaignStatsCodec.write(stats))).isEqualTo(stats);
    }

    @Property
    void cutOrExtendedBytesAreRefusedNotMisread(@ForAll("stats") CampaignStats stats) {
        byte[] bytes = CampaignStatsCodec.write(stats);

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> CampaignStatsCodec.read(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] extended = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> CampaignStatsCodec.read(extended)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<List<CampaignStep>> steps() {
        return Steps.lists();
    }

    @Provide
    Arbitrary<CampaignStats> stats() {
        return Steps.lists().map(CampaignStats.EMPTY::applyAll);
    }
}
