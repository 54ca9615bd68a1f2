package io.userops.trigger.decide;

import io.userops.avro.UserProfile;
import io.userops.streams.TimerIndex;
import io.userops.trigger.campaign.PendingSend;
import io.userops.trigger.campaign.SendHistory;
import io.userops.trigger.campaign.UserSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The decision stage's per-user stores, as both of its processors read and change them. */
final class TriggerState {

    final KeyValueStore<String, UserProfile> profiles;
    final KeyValueStore<String, Long> erased;
    final KeyValueStore<String, SendHistory> histories;
    final TimerIndex due;
    private final KeyValueStore<String, List<PendingSend>> pending;

    TriggerState(ProcessorContext<?, ?> context) {
        this.profiles = context.getStateStore(TriggerNames.PROFILE_STORE);
        this.erased = context.getStateStore(TriggerNames.ERASED_STORE);
        this.histories = context.getStateStore(TriggerNames.HISTORY_STORE);
        this.pending = context.getStateStore(TriggerNames.PENDING_STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(TriggerNames.DUE_INDEX_STORE);
        this.due = new TimerIndex(index);
    }

    /** The user as the campaigns see them now: erased, known by their latest snapshot, or known by nothing yet. */
    UserSnapshot snapshot(String userId) {
        if (erased.get(userId) != null) {
            return new UserSnapshot.Erased(userId);
        }
        UserProfile profile = profiles.get(userId);
        return profile == null ? ProfileView.unknown(userId) : ProfileView.of(profile);
    }

    SendHistory history(String userId) {
        SendHistory history = histories.get(userId);
        return history == null ? SendHistory.empty() : history;
    }

    List<PendingSend> waiting(String userId) {
        List<PendingSend> waiting = pending.get(userId);
        return waiting == null ? List.of() : waiting;
    }

    void putWaiting(String userId, List<PendingSend> sends) {
        pending.put(userId, sends.isEmpty() ? null : List.copyOf(sends));
    }

    /** Drops the user's waiting sends that {@code which} selects, with their due entries; returns them. */
    List<PendingSend> drop(String userId, Predicate<PendingSend> which) {
        List<PendingSend> waiting = waiting(userId);
        List<PendingSend> kept = new ArrayList<>();
        List<PendingSend> dropped = new ArrayList<>();
        for (PendingSend send : waiting) {
            if (which.test(send)) {
                due.cancel(userId, TimerIndex.dueSecond(send.dueAt()));
                dropped.add(send);
            } else {
                kept.add(send);
            }
        }
        if (!dropped.isEmpty()) {
            putWaiting(userId, kept);
        }
        return dropped;
    }
}
