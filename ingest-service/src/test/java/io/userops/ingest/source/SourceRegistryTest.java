package io.userops.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {

    @Test
    void shouldParseKeysSourcesKindsAndRates() {
        SourceRegistry registry = SourceRegistry.parse("dev-write-key=dev, srv=backend:server:500 ,web=site:200");

        assertThat(registry.forWriteKey("dev-write-key")).contains(new Source("dev", SourceKind.CLIENT, OptionalInt.empty()));
        assertThat(registry.forWriteKey("srv")).contains(new Source("backend", SourceKind.SERVER, OptionalInt.of(500)));
        assertThat(registry.forWriteKey("web")).contains(new Source("site", SourceKind.CLIENT, OptionalInt.of(200)));
        assertThat(registry.forWriteKey("other")).isEmpty();
        assertThat(registry.forWriteKey(null)).isEmpty();
    }

    @Test
    void shouldNameTheEntryThatIsWrong() {
        assertThatThrownBy(() -> SourceRegistry.parse("justakey")).hasMessageContaining("'justakey' is not key=source");
        assertThatThrownBy(() -> SourceRegistry.parse("k=src:fast")).hasMessageContaining("'fast' is neither client, server nor a rate");
        assertThatThrownBy(() -> SourceRegistry.parse("k=src:0")).hasMessageContaining("at least 1 event/s");
        assertThatThrownBy(() -> SourceRegistry.parse("k=bad id")).hasMessageContaining("source id 'bad id'");
        assertThatThrownBy(() -> SourceRegistry.parse("k=a,k=b")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> SourceRegistry.parse(" , ")).hasMessageContaining("at least one write key");
    }
}
