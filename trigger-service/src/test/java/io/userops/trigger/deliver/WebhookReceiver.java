package io.userops.trigger.deliver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real HTTP receiver on 127.0.0.1 that answers by script and remembers what it was sent. */
public final class WebhookReceiver implements AutoCloseable {

    /** What to answer to the n-th request (1-based). */
    record Answer(int status, Map<String, String> headers, long sleepMillis) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), 0);
        }

        static Answer slow(int status, long sleepMillis) {
            return new Answer(status, Map.of(), sleepMillis);
        }

        static Answer withHeader(int status, String name, String value) {
            return new Answer(status, Map.of(name, value), 0);
        }
    }

    /** A request as received. */
    public record Received(Instant at, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger count = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver(IntFunction<Answer> script) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> answer(exchange, script));
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver answering(int status) {
        return new WebhookReceiver(n -> Answer.status(status));
    }

    private void answer(HttpExchange exchange, IntFunction<Answer> script) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach(headers::put);
            received.add(new Received(Instant.now(), headers, body));
            Answer answer = script.apply(count.incrementAndGet());
            if (answer.sleepMillis() > 0) {
                try {
                    Thread.sleep(answer.sleepMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
