package io.userops.segmentation.streams;

import io.userops.streams.UnprocessableEventException;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.segmentation.identity.IdentityGraph;
import io.userops.segmentation.identity.IdentityRules;
import io.userops.segmentation.identity.UserIdentities;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Finds the subject of every event: the userId, else the anonymous id, else the user the anonymous id was
 * linked to. Identify and alias calls link their other id to the user: claimed here on the user's partition
 * (under the cap), granted on the identifier's partition (unless another user holds it), where the
 * identifier's own lifecycle is then retired into the user's. A record that must be handled on another
 * key's partition goes there through the routing topic.
 */
final class IdentityProcessor implements Processor<String, Object, String, Object> {

    static final String METRICS_SCOPE = "userops-identity";

    private final IdentityRules rules;
    private final IdentityGraph graph;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, String> links;
    private KeyValueStore<String, UserIdentities> users;
    private KeyValueStore<String, Long> erased;
    private Sensor suppressed;
    private Sensor linked;
    private Sensor refused;

    IdentityProcessor(IdentityRules rules) {
        this.rules = rules;
        this.graph = new IdentityGraph(rules);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.links = context.getStateStore(Names.IDENTITY_LINKS_STORE);
        this.users = context.getStateStore(Names.IDENTITY_USERS_STORE);
        this.erased = context.getStateStore(Names.ERASED_STORE);
        String task = "task-" + context.taskId();
        linked = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "identifiers-linked", Sensor.RecordingLevel.INFO);
        refused = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "links-refused", Sensor.RecordingLevel.INFO);
        suppressed = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "erased-events-dropped",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Object> record) {
        String key = record.key();
        Object value = record.value();
        if (value instanceof TrackedEvent event) {
            onEvent(record, key, event);
        } else if (value instanceof Routed.Resolve resolve) {
            onEvent(record, key, resolve.event());
        } else if (value instanceof Routed.Event event) {
            onSubjectEvent(record, key, event.event(), event.hops());
        } else if (value instanceof Routed.Link link) {
            onLink(record, key, link);
        } else if (value instanceof Routed.Refused refusal) {
            users.put(key, graph.refusedByOwner(users.get(key), refusal.identifier(), refusal.at()));
        } else if (value instanceof Routed.Absorb absorb) {
            onAbsorb(record, key, absorb);
        } else if (value instanceof Routed.AbsorbProfile absorb) {
            onAbsorbProfile(record, key, absorb);
        } else if (value instanceof Routed.Erase erase) {
            onErase(record, key, erase);
        } else if (value != null) {
            throw new IllegalArgumentException("not an identity input: " + value.getClass());
        }
    }

    private void onEvent(Record<String, Object> record, String key, TrackedEvent event) {
        String userId = rules.usable(event.getUserId());
        String anonymousId = rules.usable(event.getAnonymousId());
        if (userId != null) {
            if (userId.equals(key)) {
                onSubjectEvent(record, userId, event, 0);
            } else {
                route(record, userId, new Routed.Event(event, 0));
            }
        } else if (anonymousId != null) {
            if (anonymousId.equals(key)) {
                onSubjectEvent(record, anonymousId, event, 0);
            } else {
                route(record, anonymousId, new Routed.Resolve(event));
            }
        } else {
            throw new UnprocessableEventException("missing_identity", "event " + Objects.toString(event.getMessageId())
                    + " has no usable userId or anonymousId (absent, blank or blocked)");
        }
    }

    /** {@code subject} is this partition's key: pass the event on if the subject was linked to a user. */
    private void onSubjectEvent(Record<String, Object> record, String subject, TrackedEvent event, int hops) {
        if (isErased(subject)) {
            suppressed.record();
            return;
        }
        String owner = links.get(subject);
        if (owner != null) {
            if (hops >= Routed.MAX_HOPS) {
                throw new UnprocessableEventException("identity_chain_too_long", "event " + event.getMessageId()
                        + " was passed on " + hops + " times along linked identities");
            }
            route(record, owner, new Routed.Event(event, hops + 1));
            return;
        }
        if (subject.equals(rules.usable(event.getUserId()))) {
            if (event.getType() == EventType.IDENTIFY) {
                claim(record, subject, rules.usable(event.getAnonymousId()), event);
            } else if (event.getType() == EventType.ALIAS) {
                claim(record, subject, rules.usable(event.getPreviousId()), event);
            }
        }
        // The profile first: the lifecycle's transitions then find the event already in the profile.
        Record<String, Object> subjectEvent = record.withKey(subject).withValue(new Routed.Event(event, hops));
        context.forward(subjectEvent, Names.PROFILE_PROCESSOR);
        context.forward(subjectEvent, Names.LIFECYCLE_PROCESSOR);
    }

    private void claim(Record<String, Object> record, String userId, String identifier, TrackedEvent event) {
        if (identifier == null || identifier.equals(userId)) {
            return;
        }
        UserIdentities before = users.get(userId);
        IdentityGraph.Claim claim = graph.claim(before, identifier, event.getTimestamp());
        if (claim instanceof IdentityGraph.Known) {
            return;
        }
        users.put(userId, claim.next());
        if (claim instanceof IdentityGraph.Requested) {
            route(record, identifier, new Routed.Link(userId, event.getMessageId(), event.getTimestamp()));
        } else {
            refused.record();
        }
    }

    /** On the identifier's partition: link it to the claiming user unless another user has it. */
    private void onLink(Record<String, Object> record, String identifier, Routed.Link link) {
        if (isErased(identifier)) {
            return;
        }
        switch (graph.grant(links.get(identifier), link.userId())) {
            case LINKED -> {
                links.put(identifier, link.userId());
                linked.record();
                Record<String, Object> retire = record.withKey(identifier)
                        .withValue(new Routed.Retire(link.userId(), link.eventId(), link.at()));
                context.forward(retire, Names.PROFILE_PROCESSOR);
                context.forward(retire, Names.LIFECYCLE_PROCESSOR);
            }
            case ALREADY_LINKED -> {
            }
            case REFUSED -> {
                refused.record();
                route(record, link.userId(), new Routed.Refused(identifier, link.at()));
            }
        }
    }

    private void onAbsorb(Record<String, Object> record, String userId, Routed.Absorb absorb) {
        String owner = links.get(userId);
        if (owner != null && absorb.hops() < Routed.MAX_HOPS) {
            route(record, owner, new Routed.Absorb(absorb.retiredId(), absorb.lifecycle(), absorb.eventId(), absorb.at(),
                    absorb.hops() + 1));
            return;
        }
        context.forward(record.withKey(userId).withValue(absorb), Names.LIFECYCLE_PROCESSOR);
    }

    private void onAbsorbProfile(Record<String, Object> record, String userId, Routed.AbsorbProfile absorb) {
        String owner = links.get(userId);
        if (owner != null && absorb.hops() < Routed.MAX_HOPS) {
            route(record, owner, new Routed.AbsorbProfile(absorb.retiredId(), absorb.profile(), absorb.hops() + 1));
            return;
        }
        context.forward(record.withKey(userId).withValue(absorb), Names.PROFILE_PROCESSOR);
    }

    /**
     * Erases the id this is keyed by: its links and identities here, then (in-task) its lifecycle and profile;
     * for a user, the identifiers linked to it too, each at its own partition. Its events are dropped until
     * the suppression ends.
     */
    private void onErase(Record<String, Object> record, String id, Routed.Erase erase) {
        erased.put(id, erase.suppressUntil().toEpochMilli());
        if (erase.linkedTo() == null) {
            UserIdentities identities = users.get(id);
            if (identities != null) {
                for (String identifier : identities.identifiers()) {
                    route(record, identifier, new Routed.Erase(erase.requestId(), erase.requestedAt(),
                            erase.suppressUntil(), id));
                }
                users.put(id, null);
            }
        }
        if (links.get(id) != null) {
            links.put(id, null);
        }
        Record<String, Object> local = record.withKey(id).withValue(erase);
        context.forward(local, Names.PROFILE_PROCESSOR);
        context.forward(local, Names.LIFECYCLE_PROCESSOR);
    }

    /** Whether the id was erased and its suppression still runs (an ended one is forgotten here). */
    private boolean isErased(String id) {
        Long until = erased.get(id);
        if (until == null) {
            return false;
        }
        if (context.currentSystemTimeMs() < until) {
            return true;
        }
        erased.put(id, null);
        return false;
    }

    private void route(Record<String, Object> record, String key, Routed routed) {
        context.forward(record.withKey(key).withValue(routed), Names.ROUTING_SINK);
    }

    @Override
    public void close() {
        context.metrics().removeSensor(linked);
        context.metrics().removeSensor(refused);
        context.metrics().removeSensor(suppressed);
    }
}
