package io.userops.trigger.deliver;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Broker and client chatter at WARN, ours at INFO, for tests that run a broker. */
public final class QuietLogs {

    private QuietLogs() {
    }

    public static void apply() {
        level(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
        for (String noisy : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "io.userops.deploy"}) {
            level(noisy, Level.WARN);
        }
    }

    private static void level(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}
