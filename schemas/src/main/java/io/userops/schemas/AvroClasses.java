package io.userops.schemas;

import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.Channel;
import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TagChangeKind;
import io.userops.avro.TagChangeTarget;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import java.util.List;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The generated classes of the contract. Avro 1.12 refuses to instantiate classes outside its
 * trusted list while decoding, so the serde registers these before its first read.
 */
public final class AvroClasses {

    public static final List<Class<?>> ALL = List.of(
            TrackedEvent.class, EventType.class,
            LifecycleTransition.class, LifecycleStage.class,
            TagChange.class, TagChangeKind.class, TagChangeTarget.class,
            UserProfile.class,
            MessageRequest.class, Channel.class,
            CampaignEvent.class, CampaignEventKind.class);

    private static volatile boolean trusted;

    private AvroClasses() {
    }

    /** Adds the contract's classes to Avro's trusted classes, keeping whatever was trusted before. */
    public static synchronized void trust() {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
        ALL.forEach(ours::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
        trusted = true;
    }
}
