package io.userops.bench;

import io.userops.segmentation.membership.MembershipDecider;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.ProfileBuilder;
import io.userops.segmentation.streams.EventFactsReader;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.ProfileStateSerde;
import io.userops.segmentation.streams.StoredProfile;
import io.userops.segmentation.tags.RfmBoundaries;
import io.userops.segmentation.tags.RfmPopulation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Deciding one user's tags and segments (what the profile processor does on a stage change, an identify, an
 * order, and for every user the sweep visits) against encoding the same user's stored profile (what every
 * event's profile write pays), both in this thread, on the demo's simulated population with the service's
 * default tag rules, behaviour tags and segments. No Kafka: the pure parts only, so that changes to them are
 * measured without the spread of a whole-topology run.
 *
 * <p>Usage: {@code bench/run-membership.sh [users] [events] [rounds]}.
 */
public final class MembershipBench {

    private MembershipBench() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int maxEvents = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("Membership benchmark: %,d simulated users, at most %,d events, %d measured rounds%n", users,
                maxEvents, rounds);
        System.out.printf("machine: %d cores, %s %s, max heap %,d MB, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Instant.now());

        LifecycleSettings.Memberships memberships = LifecycleStreamsRun.serviceSettings().memberships();
        ProfileBuilder builder = new ProfileBuilder(memberships.profile());
        EventFactsReader reader = new EventFactsReader(memberships.profile());
        Instant now = Instant.now();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        long events = 0;
        for (LifecycleTraffic.Keyed keyed : LifecycleTraffic.simulated(users, maxEvents, now.minus(Duration.ofDays(10)),
                now, 1)) {
            profiles.compute(keyed.key(), (key, p) -> builder.apply(p, key, reader.read(keyed.event())));
            events++;
        }
        List<Profile> all = new ArrayList<>(profiles.values());
        RfmPopulation population = new RfmPopulation();
        all.stream().filter(p -> p.orders() > 0).forEach(p -> population.add(
                MembershipDecider.tagInput(p, MembershipDecider.traitValues(p), null)));
        RfmBoundaries boundaries = population.boundaries();
        MembershipDecider decider = new MembershipDecider(builder, memberships.tags(), memberships.behaviourTags(),
                memberships.segments());
        System.out.printf("input: %,d events into %,d profiles (%,d with orders, %,d with traits); %d tag families,"
                        + " %d behaviour tags, %d segments%n", events, all.size(), population.purchasers(),
                all.stream().filter(p -> !p.traits().isEmpty()).count(), memberships.tags().families().size(),
                memberships.behaviourTags().size(), memberships.segments().size());

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Serializer<StoredProfile> encoder = new ProfileStateSerde().serializer();
        long[] decideNanos = new long[rounds];
        long[] encodeNanos = new long[rounds];
        long lastDecided = 0;
        long bytes = 0;
        String[] stages = {"NEW", "ACTIVATED", "ENGAGED", "AT_RISK", "DORMANT"};
        for (int round = -2; round < rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long decided = 0;
            List<StoredProfile> stored = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                MembershipDecider.Decided d = decider.decide(all.get(i), stages[i % stages.length], boundaries, now);
                decided += d.tags().size() + d.segments().size();
                stored.add(new StoredProfile(all.get(i), d.tags(), d.segments(), now.toEpochMilli()));
            }
            long c1 = threads.getCurrentThreadCpuTime();
            long encoded = 0;
            for (StoredProfile p : stored) {
                encoded += encoder.serialize("profile-state", p).length;
            }
            long c2 = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                decideNanos[round] = c1 - c0;
                encodeNanos[round] = c2 - c1;
            }
            lastDecided = decided;
            bytes = encoded;
            System.out.printf("  %s: decide %.1f us a user (%,d tags and segments in all), encode %.1f us (%,d bytes)%n",
                    round < 0 ? "warm-up" : "round " + (round + 1), (c1 - c0) / 1e3 / all.size(), decided,
                    (c2 - c1) / 1e3 / all.size(), encoded);
        }
        double decide = median(decideNanos) / 1e3 / all.size();
        double encode = median(encodeNanos) / 1e3 / all.size();
        System.out.printf("%n| measurement | subject | yardstick | ratio |%n|---|---:|---:|---:|%n");
        System.out.printf("| deciding a user's tags and segments, %,d profiles, median of %d | %.1f us | encoding its stored"
                + " profile %.1f us (%.0f bytes) | %.1f |%n", all.size(), rounds, decide, encode,
                (double) bytes / all.size(), decide / encode);
        if (lastDecided == 0) {
            System.out.println("NOT VERIFIED: no user got any tag or segment");
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
