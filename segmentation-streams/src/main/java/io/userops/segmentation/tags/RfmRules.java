package io.userops.segmentation.tags;

import io.userops.segmentation.tags.RfmScore.Scored;
import io.userops.segmentation.tags.RfmScore.Unscored;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How purchasers are scored and labelled. Scores: each dimension 1-5 by {@link QuintileCuts#score quintile} of
 * the purchaser population. Archetypes and value tiers: the first rule whose ranges hold the score names it.
 *
 * @param minPurchasers below this many purchasers nobody is scored ({@link Unscored#TOO_FEW_PURCHASERS})
 * @param archetypes    first match wins; a score no rule matches has no archetype
 * @param valueTiers    first match wins; every score must match one
 */
public record RfmRules(int minPurchasers, List<ScoreRule<Archetype>> archetypes,
                       List<ScoreRule<ValueTier>> valueTiers) {

    /** Quintiles need at least five purchasers. */
    public static final int FEWEST_PURCHASERS = 5;

    public RfmRules {
        requireEnoughPurchasers(minPurchasers);
        archetypes = List.copyOf(archetypes);
        valueTiers = requireTierForEveryScore(valueTiers);
    }

    /** @throws IllegalArgumentException when fewer than {@value #FEWEST_PURCHASERS} */
    public static int requireEnoughPurchasers(int minPurchasers) {
        if (minPurchasers < FEWEST_PURCHASERS) {
            throw new IllegalArgumentException("must be at least " + FEWEST_PURCHASERS + " (quintiles need five"
                    + " purchasers), but is " + minPurchasers);
        }
        return minPurchasers;
    }

    /** @throws IllegalArgumentException when some score matches no rule */
    public static List<ScoreRule<ValueTier>> requireTierForEveryScore(List<ScoreRule<ValueTier>> valueTiers) {
        for (Scored score : allScores()) {
            if (valueTiers.stream().noneMatch(rule -> rule.matches(score))) {
                throw new IllegalArgumentException("the score " + score.code() + " matches no value tier; end the"
                        + " list with a tier without score ranges to catch the rest");
            }
        }
        return List.copyOf(valueTiers);
    }

    /** All 125 scores, 111 to 555. */
    public static List<Scored> allScores() {
        return IntStream.range(0, 125)
                .mapToObj(i -> new Scored(i / 25 + 1, i / 5 % 5 + 1, i % 5 + 1)).toList();
    }

    public RfmScore score(TagInput user, RfmBoundaries population) {
        if (!user.hasPurchased()) {
            return Unscored.NO_PURCHASE;
        }
        if (population.purchasers() < minPurchasers) {
            return Unscored.TOO_FEW_PURCHASERS;
        }
        return new Scored(population.lastPurchase().score(RfmPopulation.epochSeconds(user.lastPurchase())),
                population.frequency().score(user.orders()), population.monetary().score(user.totalRevenue()));
    }

    public Optional<Archetype> archetypeOf(Scored score) {
        return archetypes.stream().filter(rule -> rule.matches(score)).map(ScoreRule::label).findFirst();
    }

    public ValueTier tierOf(Scored score) {
        return valueTiers.stream().filter(rule -> rule.matches(score)).map(ScoreRule::label).findFirst()
                .orElseThrow();
    }

    /**
     * Three families for scored users, none for others: {@code rfm} ({@code rfm_r5}, {@code rfm_f3},
     * {@code rfm_m4}), {@code archetype} ({@code archetype_champions}) and {@code tier} ({@code tier_key}).
     */
    public List<TagRule> tagRules() {
        return List.of(
                new ScoredFamily("rfm", this,
                        s -> Set.of("r" + s.recency(), "f" + s.frequency(), "m" + s.monetary())),
                new ScoredFamily("archetype", this,
                        s -> archetypeOf(s).map(a -> Set.of(a.tagValue())).orElse(Set.of())),
                new ScoredFamily("tier", this, s -> Set.of(tierOf(s).tagValue())));
    }

    private record ScoredFamily(String family, RfmRules rules, Function<Scored, Set<String>> values)
            implements TagRule {

        @Override
        public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
            return rules.score(user, population) instanceof Scored score ? values.apply(score) : Set.of();
        }
    }
}
