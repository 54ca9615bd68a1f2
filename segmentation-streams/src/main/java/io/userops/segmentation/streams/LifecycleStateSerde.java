package io.userops.segmentation.streams;

import static io.userops.segmentation.streams.StateCodec.instant;
import static io.userops.segmentation.streams.StateCodec.text;

import io.userops.segmentation.lifecycle.Reason;
import io.userops.segmentation.lifecycle.Stage;
import io.userops.segmentation.lifecycle.Transition;
import io.userops.segmentation.lifecycle.UserLifecycle;
import io.userops.segmentation.lifecycle.UserLifecycle.SilenceStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The lifecycle state as stored in RocksDB and its changelog: a version byte, then the fields in a
 * fixed order. Internal to this topology (no registry round trip per record); a new field means a new
 * version that still reads the old ones.
 */
public final class LifecycleStateSerde implements Serde<StoredLifecycle> {

    private static final byte VERSION = 2;

    @Override
    public Serializer<StoredLifecycle> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<StoredLifecycle> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(StoredLifecycle stored) {
        UserLifecycle s = stored.lifecycle();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(stored.timerDueSecond());
            out.writeUTF(s.userId());
            out.writeByte(s.stage().ordinal());
            instant(out, s.stageSince());
            stage(out, s.stageBeforeRisk());
            instant(out, s.firstSeenAt());
            instant(out, s.lastActiveAt());
            out.writeLong(s.eventCount());
            out.writeByte(s.earliestKeyEvents().size());
            for (Instant key : s.earliestKeyEvents()) {
                instant(out, key);
            }
            out.writeLong(s.activeIntervals());
            out.writeByte(s.silence().size());
            for (SilenceStep step : s.silence()) {
                out.writeUTF(step.transitionId());
                instant(out, step.at());
                out.writeByte(step.before().ordinal());
                instant(out, step.beforeSince());
                stage(out, step.beforeRisk());
            }
            instant(out, s.wakeAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StoredLifecycle read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("lifecycle state version " + version + " is not known to this build");
            }
            long timerDueSecond = in.readLong();
            String userId = in.readUTF();
            Stage stage = Stage.values()[in.readByte()];
            Instant stageSince = instant(in);
            Stage beforeRisk = stage(in);
            Instant firstSeen = instant(in);
            Instant lastActive = instant(in);
            long eventCount = in.readLong();
            List<Instant> keys = new ArrayList<>();
            for (int i = in.readByte(); i > 0; i--) {
                keys.add(instant(in));
            }
            long activeIntervals = in.readLong();
            List<SilenceStep> silence = new ArrayList<>();
            for (int i = in.readByte(); i > 0; i--) {
                silence.add(new SilenceStep(in.readUTF(), instant(in), Stage.values()[in.readByte()], instant(in),
                        stage(in)));
            }
            Instant wakeAt = instant(in);
            return new StoredLifecycle(new UserLifecycle(userId, stage, stageSince, beforeRisk, firstSeen, lastActive,
                    eventCount, keys, activeIntervals, silence, wakeAt), timerDueSecond);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable lifecycle state: " + e.getMessage(), e);
        }
    }

    /** The latest transitions of a user, newest last, as kept for the query API. */
    static byte[] writeTransitions(List<Transition> transitions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * transitions.size() + 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(transitions.size());
            for (Transition t : transitions) {
                out.writeUTF(t.transitionId());
                out.writeUTF(t.userId());
                stage(out, t.from());
                out.writeByte(t.to().ordinal());
                out.writeUTF(t.reason().code());
                text(out, t.causeEventId());
                instant(out, t.causeTimerAt());
                instant(out, t.at());
                out.writeBoolean(t.correction());
                text(out, t.correctsTransitionId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Transition> readTransitions(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("transitions version " + version + " is not known to this build");
            }
            List<Transition> transitions = new ArrayList<>();
            for (int i = in.readByte(); i > 0; i--) {
                transitions.add(new Transition(in.readUTF(), in.readUTF(), stage(in), Stage.values()[in.readByte()],
                        Reason.fromCode(in.readUTF()), text(in), instant(in), instant(in), in.readBoolean(), text(in)));
            }
            return transitions;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable transitions: " + e.getMessage(), e);
        }
    }

    /** The serde of the recent-transitions store. */
    public static Serde<List<Transition>> transitions() {
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(
                (topic, list) -> list == null ? null : writeTransitions(list),
                (topic, bytes) -> bytes == null ? null : readTransitions(bytes));
    }

    private static void stage(DataOutputStream out, Stage stage) throws IOException {
        out.writeByte(stage == null ? -1 : stage.ordinal());
    }

    private static Stage stage(DataInputStream in) throws IOException {
        byte ordinal = in.readByte();
        return ordinal < 0 ? null : Stage.values()[ordinal];
    }
}
