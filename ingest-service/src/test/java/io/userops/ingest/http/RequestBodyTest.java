package io.userops.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void shouldReadAPlainBodyUpToTheLimit() throws Exception {
        byte[] body = new byte[1000];

        assertThat(RequestBody.read(new ByteArrayInputStream(body), null, 1000)).hasSize(1000);
        assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream(body), "identity", 999))
                .isInstanceOfSatisfying(RequestBody.Unreadable.class,
                        e -> assertThat(e.rejection().code()).isEqualTo("request_too_large"));
    }

    @Test
    void shouldInflateGzipAndBoundTheInflatedSize() throws Exception {
        byte[] zipped = gzip(new byte[10_000]);

        assertThat(RequestBody.read(new ByteArrayInputStream(zipped), "GZIP", 10_000)).hasSize(10_000);
        assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream(zipped), "gzip", 9_999))
                .isInstanceOfSatisfying(RequestBody.Unreadable.class, e -> {
                    assertThat(e.rejection().code()).isEqualTo("request_too_large");
                    assertThat(e.rejection().message()).isEqualTo("inflated request body exceeds 9999 bytes");
                });
    }

    @Test
    void shouldRefuseTruncatedAndFakeGzipAndUnknownEncodings() throws Exception {
        byte[] zipped = gzip("{\"a\": 1}".getBytes());

        assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream(Arrays.copyOf(zipped, zipped.length - 4)), "gzip", 1000))
                .isInstanceOfSatisfying(RequestBody.Unreadable.class, e -> assertThat(e.rejection().code()).isEqualTo("invalid_gzip"));
        assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream("{}".getBytes()), "gzip", 1000))
                .isInstanceOfSatisfying(RequestBody.Unreadable.class, e -> assertThat(e.rejection().message()).contains("not valid gzip"));
        assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream(zipped), "br", 1000))
                .isInstanceOfSatisfying(RequestBody.Unreadable.class, e -> assertThat(e.rejection().message()).contains("'br' is not supported"));
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
