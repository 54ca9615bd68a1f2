package io.userops.ingest;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One broker, registry and ingest service for all tests of a class (unique ids keep the tests apart). */
public abstract class IngestWorld {

    @TempDir
    static Path dir;
    protected static IngestFixture world;

    @BeforeAll
    static void startWorld() throws Exception {
        world = IngestFixture.start(dir, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopWorld() {
        world.close();
    }
}
