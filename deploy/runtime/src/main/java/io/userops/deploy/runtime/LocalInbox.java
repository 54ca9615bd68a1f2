package io.userops.deploy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.userops.trigger.deliver.WebhookSecret;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the development runtime's messages land: a local SMTP server (GreenMail) for email and a local HTTP
 * receiver for webhooks that checks each Standard Webhooks signature. The demo prints what arrives.
 */
public final class LocalInbox implements AutoCloseable {

    /** The development webhook secret; a real deployment configures its own. */
    public static final String WEBHOOK_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("userops-development-webhook-secret".getBytes(StandardCharsets.UTF_8));
    public static final String FROM = "userops@localhost";

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookSecret secret = WebhookSecret.parse(WEBHOOK_SECRET);
    private final ConcurrentLinkedQueue<String> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong webhooks = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private GreenMail smtp;
    private HttpServer receiver;
    private int emailsSeen;

    public LocalInbox start(int smtpPort, int webhookPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 0);
        receiver.createContext("/webhook", this::receive);
        receiver.start();
        return this;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook");
    }

    public long emails() {
        return smtp.getReceivedMessages().length;
    }

    public long webhooks() {
        return webhooks.get();
    }

    public long badSignatures() {
        return badSignatures.get();
    }

    /** One line per message arrived since the last call, emails first: channel, recipient or campaign, subject. */
    public synchronized List<String> newArrivals() {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<String> lines = new ArrayList<>();
        for (int i = emailsSeen; i < received.length; i++) {
            lines.add(describe(received[i]));
        }
        emailsSeen = received.length;
        for (String line = arrivals.poll(); line != null; line = arrivals.poll()) {
            lines.add(line);
        }
        return lines;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = id != null && timestamp != null && signature != null
                    && signature.contains(secret.signature(id, Long.parseLong(timestamp), body));
            if (!valid) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            webhooks.incrementAndGet();
            JsonNode message = json.readTree(body);
            arrivals.add("webhook  campaign " + message.path("campaignId").asText() + " for "
                    + message.path("userId").asText() + ": " + message.path("body").asText());
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    private static String describe(MimeMessage message) {
        try {
            return "email    to " + String.join(", ", java.util.Arrays.stream(message.getAllRecipients())
                    .map(Object::toString).toList()) + ": " + message.getSubject();
        } catch (MessagingException e) {
            return "email    (unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
