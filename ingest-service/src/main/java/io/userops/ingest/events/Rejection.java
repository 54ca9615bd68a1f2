package io.userops.ingest.events;

/**
 * Why one event (or a whole request) was refused: a stable code for programs and a message for
 * people. Codes: invalid_json, invalid_gzip, request_too_large, invalid_batch, too_many_events,
 * invalid_type, missing_identity, missing_event, missing_previous_id, missing_group_id,
 * invalid_field_type, invalid_message_id, invalid_timestamp, event_too_large.
 */
public record Rejection(String code, String message) {
}
