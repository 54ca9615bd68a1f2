package io.userops.segmentation.streams;

import io.userops.segmentation.identity.RefusalReason;
import io.userops.segmentation.identity.UserIdentities;
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

/** The identity-users store's values: a version byte, the identifiers, then the refusals. */
final class UserIdentitiesSerde implements Serde<UserIdentities> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<UserIdentities> serializer() {
        return (topic, identities) -> identities == null ? null : write(identities);
    }

    @Override
    public Deserializer<UserIdentities> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(UserIdentities identities) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(identities.identifiers().size());
            for (String id : identities.identifiers()) {
                out.writeUTF(id);
            }
            out.writeShort(identities.refusals().size());
            for (UserIdentities.Refusal refusal : identities.refusals()) {
                out.writeUTF(refusal.identifier());
                out.writeByte(refusal.reason().ordinal());
                out.writeLong(refusal.at().toEpochMilli());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static UserIdentities read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("identities version " + version + " is not known to this build");
            }
            List<String> ids = new ArrayList<>();
            for (int i = in.readShort(); i > 0; i--) {
                ids.add(in.readUTF());
            }
            List<UserIdentities.Refusal> refusals = new ArrayList<>();
            for (int i = in.readShort(); i > 0; i--) {
                refusals.add(new UserIdentities.Refusal(in.readUTF(), RefusalReason.values()[in.readByte()],
                        Instant.ofEpochMilli(in.readLong())));
            }
            return new UserIdentities(ids, refusals);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException s ? s
                    : new SerializationException("unreadable identities: " + e.getMessage(), e);
        }
    }
}
