package io.userops.trigger.deliver;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server email messages are handed to.
 *
 * @param host        the server
 * @param port        its port (25, 587, or a test server's)
 * @param from        the From address, e.g. {@code "Acme <hello@acme.example>"}; its domain is the
 *                    right-hand side of every Message-ID
 * @param username    login, when the server wants one
 * @param password    password for {@code username}; never printed
 * @param startTls    upgrade the connection with STARTTLS before sending (required when true)
 * @param timeout     connect, read and write timeout of one SMTP conversation step
 * @param connections SMTP connections (and sending threads) at once
 */
public record SmtpSettings(String host, int port, String from, Optional<String> username, Optional<String> password,
        boolean startTls, Duration timeout, int connections) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_CONNECTIONS = 4;

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("SMTP host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP port must be 1-65535, was " + port);
        }
        fromAddress(from);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("SMTP username and password go together");
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("SMTP timeout must be at least 100 ms, was " + timeout);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("SMTP connections must be at least 1, was " + connections);
        }
    }

    /** A server without login or STARTTLS (a local relay, a test server). */
    public static SmtpSettings plain(String host, int port, String from) {
        return new SmtpSettings(host, port, from, Optional.empty(), Optional.empty(), false, DEFAULT_TIMEOUT,
                DEFAULT_CONNECTIONS);
    }

    public SmtpSettings withLogin(String user, String secret, boolean useStartTls) {
        return new SmtpSettings(host, port, from, Optional.of(user), Optional.of(secret), useStartTls, timeout,
                connections);
    }

    public SmtpSettings withTimeout(Duration stepTimeout) {
        return new SmtpSettings(host, port, from, username, password, startTls, stepTimeout, connections);
    }

    public InternetAddress fromAddress() {
        return fromAddress(from);
    }

    /** The domain of the From address. */
    public String fromDomain() {
        String address = fromAddress().getAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static InternetAddress fromAddress(String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            if (address.getAddress().indexOf('@') < 1) {
                throw new IllegalArgumentException("SMTP from address needs a domain");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("SMTP from address is not an address: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", from=" + from + ", login="
                + (username.isPresent() ? "yes (password hidden)" : "no") + ", startTls=" + startTls
                + ", timeout=" + timeout + ", connections=" + connections + "]";
    }
}
