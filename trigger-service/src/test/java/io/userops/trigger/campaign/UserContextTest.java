package io.userops.trigger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserContextTest {

    private static final ZoneId DEFAULT = ZoneId.of("Europe/Paris");

    @Test
    void shouldReadTheSimulatedUsersTraits() {
        Map<String, Object> traits = Map.of("email", "ana@example.com", "timezone", "Asia/Shanghai",
                "locale", "de-DE", "name", "Ana", "address", Map.of("city", "Shanghai"));

        UserContext user = UserContext.fromTraits(traits, DEFAULT);

        assertThat(user.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(user.locale()).contains(Locale.GERMANY);
        assertThat(user.email()).contains("ana@example.com");
        assertThat(user.consented()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.PUSH, Channel.WEBHOOK);
        assertThat(user.unsubscribed()).isFalse();
        assertThat(user.canReach(Channel.EMAIL)).isTrue();
        assertThat(user.canReach(Channel.PUSH)).as("no push token").isFalse();
        assertThat(user.canReach(Channel.SMS)).as("no phone, no opt-in").isFalse();
        assertThat(user.canReach(Channel.WEBHOOK)).isTrue();
        assertThat(user.recipient(Channel.WEBHOOK)).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(textBlock = """
            timezone, Europe/Berlin,     Europe/Berlin
            timezone, Mars/Olympus_Mons, Europe/Paris
            timezone, '',                Europe/Paris
            timezone, +05:30,            +05:30
            """)
    void shouldFallBackToTheDefaultZoneForAnInvalidOne(String trait, String value, String zone) {
        assertThat(UserContext.fromTraits(Map.of(trait, value), DEFAULT).zone()).isEqualTo(ZoneId.of(zone));
    }

    @Test
    void shouldFallBackToTheDefaultZoneWhenTheZoneIsNotText() {
        assertThat(UserContext.fromTraits(Map.of("timezone", 8), DEFAULT).zone()).isEqualTo(DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            email=a@b.co                                  | EMAIL WEBHOOK
            email=a@b.co emailOptOut=true                 | WEBHOOK
            email=a@b.co emailOptOut=TRUE                 | WEBHOOK
            email=a@b.co emailOptOut=no                   | EMAIL WEBHOOK
            email=not-an-address                          | WEBHOOK
            email=a@b@c                                   | WEBHOOK
            pushToken=tok-1                               | PUSH WEBHOOK
            pushToken=tok-1 pushOptOut=true               | WEBHOOK
            phone=+4915112345678                          | WEBHOOK
            phone=+4915112345678 smsOptIn=true            | SMS WEBHOOK
            smsOptIn=true                                 | WEBHOOK
            email=a@b.co pushToken=t phone=1 smsOptIn=true | EMAIL PUSH SMS WEBHOOK
            """)
    void shouldReachAChannelOnlyWithConsentAndAnAddress(String traitText, String reachable) {
        Map<String, Object> traits = new HashMap<>();
        for (String pair : traitText.split(" ")) {
            String[] kv = pair.split("=", 2);
            traits.put(kv[0], kv[1]);
        }
        UserContext user = UserContext.fromTraits(traits, DEFAULT);

        Set<Channel> reached = new java.util.TreeSet<>();
        for (Channel channel : Channel.values()) {
            if (user.canReach(channel)) {
                reached.add(channel);
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(java.util.Arrays.stream(reachable.split(" "))
                .map(Channel::valueOf).toArray(Channel[]::new));
    }

    @Test
    void shouldReadBooleanFlagsAndIgnoreOtherValues() {
        assertThat(UserContext.fromTraits(Map.of("unsubscribed", true), DEFAULT).unsubscribed()).isTrue();
        assertThat(UserContext.fromTraits(Map.of("unsubscribed", "true"), DEFAULT).unsubscribed()).isTrue();
        assertThat(UserContext.fromTraits(Map.of("unsubscribed", 1), DEFAULT).unsubscribed()).isFalse();
        assertThat(UserContext.fromTraits(Map.of("unsubscribed", false), DEFAULT).unsubscribed()).isFalse();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("unsubscribed", null);
        withNull.put("email", null);
        assertThat(UserContext.fromTraits(withNull, DEFAULT).unsubscribed()).isFalse();
        assertThat(UserContext.fromTraits(withNull, DEFAULT).email()).isEmpty();
    }

    @Test
    void shouldReadLocalesWithUnderscoresAndIgnoreTextThatIsNoLocale() {
        assertThat(UserContext.fromTraits(Map.of("locale", "pt_BR"), DEFAULT).locale())
                .contains(Locale.forLanguageTag("pt-BR"));
        assertThat(UserContext.fromTraits(Map.of("locale", "!!"), DEFAULT).locale()).isEmpty();
        assertThat(UserContext.fromTraits(Map.of(), DEFAULT).locale()).isEqualTo(Optional.empty());
    }
}
