package io.userops.trigger.deliver;

import io.userops.avro.MessageRequest;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP (Angus Mail). SMTP is a blocking conversation, so it runs on a small pool of
 * sending threads, each keeping its connection open between messages; the dispatcher never waits.
 *
 * <p>The {@code Message-ID} is derived from the messageId ({@code <messageId@from-domain>}, hashed
 * when the id has characters a Message-ID cannot hold) and the messageId itself is in
 * {@code X-UserOps-Message-Id}, so a resent message is recognisably the same one. Connection
 * failures and 4xx replies are transient; 5xx replies are permanent ({@code smtp_<code>}).
 */
public final class EmailAdapter implements DeliveryAdapter {

    public static final String MESSAGE_ID_HEADER = "X-UserOps-Message-Id";
    private static final Logger log = LoggerFactory.getLogger(EmailAdapter.class);
    private static final Pattern DOT_ATOM = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private final SmtpSettings settings;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final String endpoint;
    private final ExecutorService senders;
    private final ThreadLocal<Transport> connection = new ThreadLocal<>();
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    public EmailAdapter(SmtpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(sessionProperties(settings));
        this.from = settings.fromAddress();
        this.endpoint = "smtp:" + settings.host() + ":" + settings.port();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.connections(), task -> {
            Thread thread = new Thread(task, "userops-smtp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static Properties sessionProperties(SmtpSettings settings) {
        Properties props = new Properties();
        String millis = Long.toString(settings.timeout().toMillis());
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        return props;
    }

    @Override
    public String endpointOf(MessageRequest message) {
        return endpoint;
    }

    @Override
    public int concurrencyPerEndpoint() {
        return settings.connections();
    }

    @Override
    public CompletableFuture<DeliveryOutcome> attempt(MessageRequest message) {
        return CompletableFuture.supplyAsync(() -> send(message), senders);
    }

    private DeliveryOutcome send(MessageRequest message) {
        if (message.getRecipient() == null || message.getRecipient().isBlank()) {
            return DeliveryOutcome.permanent(FailureReason.MISSING_RECIPIENT);
        }
        InternetAddress to;
        try {
            to = new InternetAddress(message.getRecipient(), true);
        } catch (AddressException e) {
            return DeliveryOutcome.permanent(FailureReason.INVALID_RECIPIENT);
        }
        Transport transport = null;
        try {
            MimeMessage mime = compose(message, to);
            transport = connected();
            transport.sendMessage(mime, new Address[] {to});
            return DeliveryOutcome.delivered();
        } catch (MessagingException e) {
            log.debug("SMTP attempt for {} failed: {}", message.getMessageId(), e.toString());
            disconnect(transport);
            return classify(e);
        }
    }

    MimeMessage compose(MessageRequest message, InternetAddress to) throws MessagingException {
        MimeMessage mime = new StableIdMessage(session, messageIdHeader(message.getMessageId(), settings.fromDomain()));
        mime.setFrom(from);
        mime.setRecipient(MimeMessage.RecipientType.TO, to);
        mime.setSubject(message.getSubject() == null ? "" : message.getSubject(), "UTF-8");
        mime.setText(message.getBody(), "UTF-8");
        mime.setSentDate(Date.from(clock.instant()));
        mime.setHeader(MESSAGE_ID_HEADER, message.getMessageId());
        if (message.getLocale() != null) {
            mime.setHeader("Content-Language", message.getLocale());
        }
        mime.saveChanges();
        return mime;
    }

    /** {@code <messageId@domain>}: the same for every attempt of the same message. */
    public static String messageIdHeader(String messageId, String domain) {
        String local = DOT_ATOM.matcher(messageId).matches() ? messageId : "sha256." + sha256(messageId);
        return "<" + local + "@" + domain + ">";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private Transport connected() throws MessagingException {
        Transport transport = connection.get();
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        disconnect(transport);
        transport = session.getTransport("smtp");
        if (settings.username().isPresent()) {
            transport.connect(settings.host(), settings.port(), settings.username().get(), settings.password().get());
        } else {
            transport.connect();
        }
        connection.set(transport);
        open.add(transport);
        return transport;
    }

    private void disconnect(Transport transport) {
        if (transport == null) {
            return;
        }
        connection.remove();
        open.remove(transport);
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("closing an SMTP connection failed: {}", e.toString());
        }
    }

    /** Transient or permanent, from the SMTP reply code where there is one. */
    static DeliveryOutcome classify(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return DeliveryOutcome.retryLater("smtp_auth_failed");
        }
        int code = replyCode(failure);
        if (code >= 500) {
            return DeliveryOutcome.permanent("smtp_" + code);
        }
        if (code >= 400) {
            return DeliveryOutcome.retryLater("smtp_" + code);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return DeliveryOutcome.retryLater("smtp_unavailable");
            }
        }
        return DeliveryOutcome.retryLater("smtp_error");
    }

    private static int replyCode(MessagingException failure) {
        int worst = -1;
        for (Exception next = failure; next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            int code = -1;
            if (next instanceof SMTPSendFailedException sent) {
                code = sent.getReturnCode();
            } else if (next instanceof SMTPAddressFailedException address) {
                code = address.getReturnCode();
            } else if (next instanceof SMTPSenderFailedException sender) {
                code = sender.getReturnCode();
            }
            worst = Math.max(worst, code);
        }
        return worst;
    }

    @Override
    public void close() {
        senders.shutdownNow();
        for (Transport transport : open) {
            try {
                transport.close();
            } catch (MessagingException e) {
                log.debug("closing an SMTP connection failed: {}", e.toString());
            }
        }
        open.clear();
    }

    /** A MimeMessage whose Message-ID is ours rather than a fresh random one at each save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
