package io.userops.segmentation.tags;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.datasketches.common.SketchesArgumentException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The purchasers (users with at least one order) as three KLL quantile sketches, one per RFM dimension, and their
 * exact revenue total. Sketches of partitions merge into the sketch of the whole population, and travel as bytes.
 * Recency is sketched as the last purchase time (epoch seconds), which orders users exactly as days since the
 * last purchase does, but stays true as the clock moves on. A sketch cannot forget a user's old values, so build
 * a population afresh from the users' current values each time it is taken.
 */
public final class RfmPopulation {

    /** KLL's accuracy parameter: about 1.3% rank error (99% confidence) in a few kilobytes per dimension. */
    public static final int DEFAULT_K = 200;
    private static final byte FORMAT = 1;
    private static final double[] QUINTILE_RANKS = {0.2, 0.4, 0.6, 0.8};

    private final KllDoublesSketch lastPurchase;
    private final KllDoublesSketch frequency;
    private final KllDoublesSketch monetary;
    private double totalRevenue;

    public RfmPopulation() {
        this(DEFAULT_K);
    }

    public RfmPopulation(int k) {
        this(KllDoublesSketch.newHeapInstance(k), KllDoublesSketch.newHeapInstance(k),
                KllDoublesSketch.newHeapInstance(k), 0);
    }

    private RfmPopulation(KllDoublesSketch lastPurchase, KllDoublesSketch frequency, KllDoublesSketch monetary,
                          double totalRevenue) {
        this.lastPurchase = lastPurchase;
        this.frequency = frequency;
        this.monetary = monetary;
        this.totalRevenue = totalRevenue;
    }

    /** Counts a purchaser; a user without orders is not part of the population and is left out. */
    public void add(TagInput user) {
        if (user.hasPurchased()) {
            lastPurchase.update(epochSeconds(user.lastPurchase()));
            frequency.update(user.orders());
            monetary.update(user.totalRevenue());
            totalRevenue += user.totalRevenue();
        }
    }

    /** Adds the other population's purchasers to this one, as if they had been added here. */
    public void merge(RfmPopulation other) {
        lastPurchase.merge(other.lastPurchase);
        frequency.merge(other.frequency);
        monetary.merge(other.monetary);
        totalRevenue += other.totalRevenue;
    }

    public long purchasers() {
        return lastPurchase.getN();
    }

    public double totalRevenue() {
        return totalRevenue;
    }

    /** The quintile cut points of each dimension; {@link RfmBoundaries#none()} without purchasers. */
    public RfmBoundaries boundaries() {
        if (lastPurchase.isEmpty()) {
            return RfmBoundaries.none();
        }
        return new RfmBoundaries(purchasers(), cuts(lastPurchase), cuts(frequency), cuts(monetary));
    }

    /**
     * The approximate share of revenue from the top {@code topFraction} of purchasers: see
     * {@link Pareto#topShareOfRevenue}. NaN without revenue.
     */
    public double topShareOfRevenue(double topFraction) {
        return Pareto.topShareOfRevenue(monetary, totalRevenue, topFraction);
    }

    /** The rank error of one quantile at 99% confidence: the cuts lie within it of the exact quintile ranks. */
    public double rankError() {
        return lastPurchase.getNormalizedRankError(false);
    }

    /** A format byte, the exact revenue total, then each sketch's length and bytes. */
    public byte[] toBytes() {
        byte[][] sketches = {lastPurchase.toByteArray(), frequency.toByteArray(), monetary.toByteArray()};
        int size = 1 + Double.BYTES;
        for (byte[] sketch : sketches) {
            size += Integer.BYTES + sketch.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT).putDouble(totalRevenue);
        for (byte[] sketch : sketches) {
            out.putInt(sketch.length).put(sketch);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException when the bytes are not what {@link #toBytes()} writes */
    public static RfmPopulation fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown RFM population format " + format);
            }
            double totalRevenue = in.getDouble();
            RfmPopulation population = new RfmPopulation(sketch(in), sketch(in), sketch(in), totalRevenue);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the RFM population");
            }
            return population;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | SketchesArgumentException e) {
            throw new IllegalArgumentException("not an RFM population: " + e, e);
        }
    }

    static double epochSeconds(Instant instant) {
        return instant.getEpochSecond();
    }

    private static KllDoublesSketch sketch(ByteBuffer in) {
        byte[] sketch = new byte[in.getInt()];
        in.get(sketch);
        return KllDoublesSketch.heapify(Memory.wrap(sketch));
    }

    private static QuintileCuts cuts(KllDoublesSketch sketch) {
        double[] cuts = sketch.getQuantiles(QUINTILE_RANKS, QuantileSearchCriteria.INCLUSIVE);
        return new QuintileCuts(cuts[0], cuts[1], cuts[2], cuts[3]);
    }
}
