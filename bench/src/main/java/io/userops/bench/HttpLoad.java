package io.userops.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Load on an HTTP endpoint: closed loop (N clients, as fast as answered) or open loop (a fixed request rate). */
final class HttpLoad {

    /** What a load phase measured after its warm-up. */
    record Result(String name, long requests, long events, long errors, double seconds, Histogram latencyMicros) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }

        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code clients} threads each send one request at a time, for warm-up plus {@code measure}. */
    Result closedLoop(String name, URI uri, List<byte[]> bodies, int eventsPerRequest, int clients, Duration warmup,
            Duration measure) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Histogram> histograms = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread client = new Thread(() -> {
                Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                int i = offset;
                try {
                    while (System.nanoTime() < end) {
                        byte[] body = bodies.get(i++ % bodies.size());
                        long start = System.nanoTime();
                        int status = post(uri, body);
                        long finished = System.nanoTime();
                        if (start >= measureFrom && finished <= end) {
                            if (status == 200) {
                                requests.incrementAndGet();
                                histogram.recordValue(Math.max(1, (finished - start) / 1000));
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    histograms.add(histogram);
                    done.countDown();
                }
            }, "load-" + c);
            client.start();
        }
        done.await();
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        histograms.forEach(all::add);
        return new Result(name, requests.get(), requests.get() * eventsPerRequest, errors.get(),
                measure.toNanos() / 1e9, all);
    }

    /**
     * Requests started at a fixed rate whatever the answers; latency counts from when each request
     * was due, so a stall shows in the percentiles instead of slowing the load down.
     */
    Result openLoop(String name, URI uri, List<byte[]> bodies, int eventsPerRequest, double requestsPerSecond,
            Duration warmup, Duration measure) throws InterruptedException {
        long intervalNanos = (long) (1e9 / requestsPerSecond);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long due = start;
        int i = 0;
        while (due < end) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long intended = due;
            byte[] body = bodies.get(i++ % bodies.size());
            outstanding.incrementAndGet();
            http.sendAsync(request(uri, body), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long finished = System.nanoTime();
                if (intended >= measureFrom) {
                    if (error == null && response.statusCode() == 200) {
                        requests.incrementAndGet();
                        recorder.recordValue(Math.max(1, (finished - intended) / 1000));
                    } else {
                        errors.incrementAndGet();
                    }
                }
                outstanding.decrementAndGet();
            });
            due += intervalNanos;
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return new Result(name, requests.get(), requests.get() * eventsPerRequest, errors.get(),
                measure.toNanos() / 1e9, recorder.getIntervalHistogram());
    }

    private int post(URI uri, byte[] body) {
        try {
            return http.send(request(uri, body), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static HttpRequest request(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
