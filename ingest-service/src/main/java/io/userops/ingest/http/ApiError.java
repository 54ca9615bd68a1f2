package io.userops.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON error body of every UserOps API:
 * {@code {"error": {"code": ..., "message": ..., "violations": [{"index", "code", "message"}]}}}.
 */
record ApiError(String code, String message, List<Violation> violations) {

    /** One event's problem, by its position in the request. */
    record Violation(int index, String code, String message) {
    }

    static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode error = json.createObjectNode();
        ObjectNode body = error.putObject("error").put("code", code).put("message", message);
        if (!violations.isEmpty()) {
            ArrayNode list = body.putArray("violations");
            violations.forEach(v -> list.addObject().put("index", v.index()).put("code", v.code()).put("message", v.message()));
        }
        return error;
    }
}
