package io.userops.segmentation.tags;

import static io.userops.segmentation.tags.Users.NOW;
import static io.userops.segmentation.tags.Users.purchaser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RfmPopulationTest {

    static final double[] QUINTILES = {0.2, 0.4, 0.6, 0.8};
    static final long TWO_YEARS = Duration.ofDays(730).toSeconds();

    /** Purchasers as a real shop has them: recency spread over two years, orders mostly 1-2, log-normal spend. */
    static List<TagInput> purchasers(int count, long seed) {
        Random random = new Random(seed);
        List<TagInput> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant last = NOW.minusSeconds((long) (random.nextDouble() * TWO_YEARS));
            long orders = 1 + (long) Math.floor(Math.log(random.nextDouble()) / Math.log(0.55));
            double revenue = Math.round(orders * 40 * Math.exp(random.nextGaussian()) * 100) / 100.0;
            users.add(purchaser(last, orders, revenue));
        }
        return users;
    }

    static RfmPopulation populationOf(List<TagInput> users) {
        RfmPopulation population = new RfmPopulation();
        users.forEach(population::add);
        return population;
    }

    record Dimension(String name, ToDoubleFunction<TagInput> value, Function<RfmBoundaries, QuintileCuts> cuts) {
    }

    static final List<Dimension> DIMENSIONS = List.of(
            new Dimension("recency", u -> u.lastPurchase().getEpochSecond(), RfmBoundaries::lastPurchase),
            new Dimension("frequency", TagInput::orders, RfmBoundaries::frequency),
            new Dimension("monetary", TagInput::totalRevenue, RfmBoundaries::monetary));

    static double[] sorted(List<TagInput> users, ToDoubleFunction<TagInput> value) {
        double[] values = users.stream().mapToDouble(value).toArray();
        Arrays.sort(values);
        return values;
    }

    /** Share of values below the cut, and share at or below it: the exact ranks the cut value spans. */
    static double[] rankSpan(double[] sorted, double cut) {
        return new double[] {(double) countBelow(sorted, cut, false) / sorted.length,
                (double) countBelow(sorted, cut, true) / sorted.length};
    }

    /** How many sorted values are below the value (or at or below it), by binary search. */
    static int countBelow(double[] sorted, double value, boolean orEqual) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value || orEqual && sorted[middle] == value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    static double[] cutsOf(QuintileCuts cuts) {
        return new double[] {cuts.p20(), cuts.p40(), cuts.p60(), cuts.p80()};
    }

    /** KLL's guarantee: each cut is the exact quantile of some rank within the rank error of its quintile. */
    static void assertCutsWithinRankError(List<TagInput> users, RfmBoundaries boundaries, double rankError) {
        for (Dimension dimension : DIMENSIONS) {
            double[] values = sorted(users, dimension.value());
            double[] cuts = cutsOf(dimension.cuts().apply(boundaries));
            for (int q = 0; q < 4; q++) {
                double[] span = rankSpan(values, cuts[q]);
                assertThat(span[0]).as("%s cut %s: share below", dimension.name(), QUINTILES[q])
                        .isLessThanOrEqualTo(QUINTILES[q] + rankError);
                assertThat(span[1]).as("%s cut %s: share at or below", dimension.name(), QUINTILES[q])
                        .isGreaterThanOrEqualTo(QUINTILES[q] - rankError);
            }
        }
    }

    @Test
    void shouldCutEachDimensionAtItsQuintilesWithinTheRankError() {
        List<TagInput> users = purchasers(50_000, 1);
        RfmPopulation population = populationOf(users);

        assertThat(population.purchasers()).isEqualTo(50_000);
        assertCutsWithinRankError(users, population.boundaries(), population.rankError());
    }

    @Test
    void shouldScoreLikeExactQuintilesEveryUserFartherThanTheRankErrorFromACut() {
        List<TagInput> users = purchasers(50_000, 2);
        RfmPopulation population = populationOf(users);
        RfmRules rules = RfmRulesTest.rules(20);
        double rankError = population.rankError();
        double[] lastPurchases = sorted(users, u -> u.lastPurchase().getEpochSecond());
        double[] revenues = sorted(users, TagInput::totalRevenue);
        int[] recencyCounts = new int[6];
        int compared = 0;

        for (TagInput user : users) {
            RfmScore.Scored score = (RfmScore.Scored) rules.score(user, population.boundaries());
            recencyCounts[score.recency()]++;
            // continuous dimensions: a user's exact rank decides the ideal score
            double recencyRank = rankSpan(lastPurchases, user.lastPurchase().getEpochSecond())[1];
            double revenueRank = rankSpan(revenues, user.totalRevenue())[1];
            if (farFromEveryQuintile(recencyRank, rankError)) {
                assertThat(score.recency()).as("R of rank %s", recencyRank).isEqualTo(idealScore(recencyRank));
                compared++;
            }
            if (farFromEveryQuintile(revenueRank, rankError)) {
                assertThat(score.monetary()).as("M of rank %s", revenueRank).isEqualTo(idealScore(revenueRank));
            }
        }

        assertThat(compared).isGreaterThan(40_000);
        for (int score = 1; score <= 5; score++) {
            assertThat(recencyCounts[score] / 50_000.0).as("share with R%s", score)
                    .isCloseTo(0.2, within(2 * rankError));
        }
    }

    static boolean farFromEveryQuintile(double rank, double rankError) {
        return Arrays.stream(QUINTILES).allMatch(q -> Math.abs(rank - q) > rankError);
    }

    static int idealScore(double rank) {
        return 1 + (int) Arrays.stream(QUINTILES).filter(q -> rank > q).count();
    }

    @Property(tries = 50)
    void smallPopulationsAreScoredExactlyOneFifthPerScore(@ForAll @IntRange(min = 4, max = 40) int fifth) {
        int count = fifth * 5;
        List<TagInput> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(purchaser(NOW.minusSeconds(1_000L * (i + 1)), 1 + i, 10.0 * (count - i)));
        }
        RfmBoundaries boundaries = populationOf(users).boundaries();
        int[] recency = new int[6];
        int[] frequency = new int[6];
        int[] monetary = new int[6];

        for (TagInput user : users) {
            RfmScore.Scored score = (RfmScore.Scored) RfmRulesTest.rules(20).score(user, boundaries);
            recency[score.recency()]++;
            frequency[score.frequency()]++;
            monetary[score.monetary()]++;
        }

        int[] fifths = {0, fifth, fifth, fifth, fifth, fifth};
        assertThat(recency).containsExactly(fifths);
        assertThat(frequency).containsExactly(fifths);
        assertThat(monetary).containsExactly(fifths);
    }

    @Test
    void shouldGiveTheMostRecentTheHighestRecencyScore() {
        List<TagInput> users = new ArrayList<>();
        for (int days = 1; days <= 100; days++) {
            users.add(purchaser(NOW.minus(Duration.ofDays(days)), 1, 10));
        }
        RfmBoundaries boundaries = populationOf(users).boundaries();

        assertThat(boundaries.lastPurchase().score(NOW.minus(Duration.ofDays(1)).getEpochSecond())).isEqualTo(5);
        assertThat(boundaries.lastPurchase().score(NOW.minus(Duration.ofDays(100)).getEpochSecond())).isEqualTo(1);
        // the oldest fifth, days 100 to 81, scores R1: the first cut is 81 days
        assertThat(boundaries.lastPurchase().score(NOW.minus(Duration.ofDays(81)).getEpochSecond())).isEqualTo(1);
        assertThat(boundaries.lastPurchase().score(NOW.minus(Duration.ofDays(80)).getEpochSecond())).isEqualTo(2);
        assertThat(boundaries.recencyDaysAt(NOW)).containsExactly(81.0, 61.0, 41.0, 21.0);
        assertThat(boundaries.recencyDaysAt(NOW.plus(Duration.ofDays(1)))).containsExactly(82.0, 62.0, 42.0, 22.0);
    }

    @Test
    void shouldLeaveUsersWithoutOrdersOutOfThePopulation() {
        RfmPopulation population = new RfmPopulation();

        population.add(Users.withTraits("age", 30));

        assertThat(population.purchasers()).isZero();
        assertThat(population.boundaries()).isEqualTo(RfmBoundaries.none());
        assertThat(population.topShareOfRevenue(0.2)).isNaN();
    }

    @Test
    void shouldMergeThreePartitionsIntoAboutTheSketchOfAll() {
        List<TagInput> users = purchasers(60_000, 3);
        RfmPopulation whole = populationOf(users);
        RfmPopulation merged = new RfmPopulation();
        for (int partition = 0; partition < 3; partition++) {
            RfmPopulation part = new RfmPopulation();
            for (int i = partition; i < users.size(); i += 3) {
                part.add(users.get(i));
            }
            merged.merge(RfmPopulation.fromBytes(part.toBytes()));
        }

        assertThat(merged.purchasers()).isEqualTo(whole.purchasers());
        assertThat(merged.totalRevenue()).isCloseTo(whole.totalRevenue(), within(1e-6 * whole.totalRevenue()));
        assertCutsWithinRankError(users, merged.boundaries(), merged.rankError());
        assertThat(merged.topShareOfRevenue(0.2)).isCloseTo(whole.topShareOfRevenue(0.2), within(0.02));
    }

    @Test
    void shouldRoundTripThroughBytes() {
        RfmPopulation population = populationOf(purchasers(10_000, 4));

        RfmPopulation copy = RfmPopulation.fromBytes(population.toBytes());

        assertThat(copy.boundaries()).isEqualTo(population.boundaries());
        assertThat(copy.purchasers()).isEqualTo(10_000);
        assertThat(copy.totalRevenue()).isEqualTo(population.totalRevenue());
        assertThat(copy.topShareOfRevenue(0.2)).isEqualTo(population.topShareOfRevenue(0.2));
        assertThat(copy.toBytes()).isEqualTo(population.toBytes());
    }

    @Test
    void shouldRoundTripAnEmptyPopulationAndKeepAddingAfterwards() {
        RfmPopulation copy = RfmPopulation.fromBytes(new RfmPopulation().toBytes());

        copy.add(purchaser(NOW, 2, 30));

        assertThat(copy.purchasers()).isEqualTo(1);
        assertThat(copy.totalRevenue()).isEqualTo(30);
    }

    @Test
    void shouldRejectBytesItDidNotWrite() {
        byte[] bytes = populationOf(purchasers(100, 5)).toBytes();
        byte[] wrongFormat = bytes.clone();
        wrongFormat[0] = 9;
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

        assertThatThrownBy(() -> RfmPopulation.fromBytes(wrongFormat)).hasMessage("unknown RFM population format 9");
        assertThatThrownBy(() -> RfmPopulation.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an RFM population");
        assertThatThrownBy(() -> RfmPopulation.fromBytes(trailing)).hasMessage("1 bytes follow the RFM population");
        assertThatThrownBy(() -> RfmPopulation.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
