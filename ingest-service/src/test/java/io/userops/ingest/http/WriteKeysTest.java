package io.userops.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteKeysTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "in the body (analytics.js, analytics-java) | {\"writeKey\": \"wk\"} | -                  | -  | wk",
        "HTTP Basic with the key as user (Node)     | {}                   | Basic d2s6          | -  | wk",
        "HTTP Basic without a colon                 | {}                   | Basic d2s=          | -  | wk",
        "Bearer token                               | {}                   | Bearer wk           | -  | wk",
        "query string (beacon)                      | {}                   | -                   | wk | wk",
        "body wins over a header                    | {\"writeKey\": \"wk\"} | Basic b3RoZXI6   | -  | wk",
        "blank body key falls back to Basic         | {\"writeKey\": \" \"}  | Basic d2s6        | -  | wk",
        "none at all                                | {}                   | -                   | -  | -",
        "Basic that is not base64                   | {}                   | Basic %%%           | -  | -",
        "Basic with an empty user                   | {}                   | Basic OnNlY3JldA==  | -  | -",
    })
    void shouldFindTheWriteKeyWhereverTheSdkPutIt(String where, String body, String authorization, String query,
            String expected) throws Exception {
        assertThat(WriteKeys.find(new ObjectMapper().readTree(body), authorization, query)).isEqualTo(
                java.util.Optional.ofNullable(expected));
    }

    @org.junit.jupiter.api.Test
    void shouldDecodeTheBasicHeaderTheRudderStackSdkSends() {
        String header = "Basic " + Base64.getEncoder().encodeToString("2AbCdEf:".getBytes());

        assertThat(WriteKeys.find(null, header, null)).contains("2AbCdEf");
    }
}
