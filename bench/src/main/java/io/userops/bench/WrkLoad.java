package io.userops.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load from a second process: wrk (Debian package {@code wrk}), which costs far
 * less CPU per request than a JVM client, so that the service, not the load generator, is measured.
 * Each connection sends the next of the prepared bodies as soon as the previous one is answered.
 */
final class WrkLoad {

    /** What wrk measured. */
    record Result(String name, double requestsPerSecond, int eventsPerRequest, double p50Millis, double p99Millis,
            long errors) {
        double eventsPerSecond() {
            return requestsPerSecond * eventsPerRequest;
        }
    }

    private static final String SCRIPT = """
            local pause = %d
            delay = function() return pause end
            local bodies = {}
            for line in io.lines("%s") do bodies[#bodies + 1] = line end
            local i = 0
            request = function()
              i = i %% #bodies + 1
              return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i])
            end
            """;

    private WrkLoad() {
    }

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A warm-up run, then the measured one, with {@code connections} connections on two threads. */
    static Result run(String name, URI uri, List<byte[]> bodies, int eventsPerRequest, int connections,
            Duration warmup, Duration measure) throws IOException, InterruptedException {
        Path script = script(bodies, 0);
        wrk(uri, script, connections, warmup);
        return result(name, eventsPerRequest, wrk(uri, script, connections, measure));
    }

    /**
     * About {@code requestsPerSecond} in all: each connection pauses between an answer and its next
     * request, the pause calibrated by one warm-up run. A slow answer still delays its connection's
     * next request, so this under-reports stalls that an open-loop generator would show.
     */
    static Result paced(String name, URI uri, List<byte[]> bodies, int eventsPerRequest, int connections,
            double requestsPerSecond, Duration warmup, Duration measure) throws IOException, InterruptedException {
        long pauseMillis = Math.round(connections * 1000 / requestsPerSecond);
        Result calibration = result(name, eventsPerRequest, wrk(uri, script(bodies, pauseMillis), connections, warmup));
        long cycleMillis = Math.round(connections * 1000 / calibration.requestsPerSecond());
        long corrected = Math.max(0, 2 * pauseMillis - cycleMillis);
        return result(name, eventsPerRequest, wrk(uri, script(bodies, corrected), connections, measure));
    }

    private static Result result(String name, int eventsPerRequest, String output) {
        return new Result(name, number(output, "Requests/sec:\\s+([0-9.]+)"), eventsPerRequest,
                millis(output, "50%"), millis(output, "99%"),
                (long) optionalNumber(output, "Non-2xx or 3xx responses:\\s+([0-9]+)"));
    }

    private static Path script(List<byte[]> bodies, long pauseMillis) throws IOException {
        Path dir = ScratchDir.create("wrk");
        Path bodyFile = dir.resolve("bodies.txt");
        StringBuilder lines = new StringBuilder();
        for (byte[] body : bodies) {
            lines.append(new String(body, StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(bodyFile, lines);
        Path script = dir.resolve("post.lua");
        Files.writeString(script, SCRIPT.formatted(pauseMillis, bodyFile));
        return script;
    }

    private static String wrk(URI uri, Path script, int connections, Duration duration)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-s", script.toString(), uri.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }

    private static double millis(String output, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + pattern + " in wrk's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double optionalNumber(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
