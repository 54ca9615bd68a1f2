package io.userops.ingest.http;

import io.userops.ingest.events.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body with a bound on its size, inflating gzip when the client says
 * {@code Content-Encoding: gzip}. The bound applies to the inflated bytes, so a small gzip bomb is
 * stopped after {@code maxBytes}, never inflated in full.
 */
final class RequestBody {

    /** A body that could not be read within the rules; answered with 400. */
    static final class Unreadable extends Exception {
        private final transient Rejection rejection;

        Unreadable(String code, String message) {
            super(message, null, false, false);
            this.rejection = new Rejection(code, message);
        }

        Rejection rejection() {
            return rejection;
        }
    }

    private RequestBody() {
    }

    static byte[] read(InputStream raw, String contentEncoding, int maxBytes) throws Unreadable, IOException {
        byte[] received = readBounded(raw, maxBytes, "request body");
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return received;
        }
        if (!contentEncoding.trim().equalsIgnoreCase("gzip")) {
            throw new Unreadable("invalid_gzip", "Content-Encoding '" + contentEncoding + "' is not supported: send gzip or nothing");
        }
        try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(received))) {
            return readBounded(inflated, maxBytes, "inflated request body");
        } catch (EOFException e) {
            throw new Unreadable("invalid_gzip", "gzip body is truncated");
        } catch (ZipException e) {
            throw new Unreadable("invalid_gzip", "body is not valid gzip: " + e.getMessage());
        }
    }

    private static byte[] readBounded(InputStream in, int maxBytes, String what) throws Unreadable, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 16 * 1024));
        byte[] buffer = new byte[8192];
        int total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new Unreadable("request_too_large", what + " exceeds " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
