package io.userops.segmentation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON error body of every UserOps API: {@code {"error": {"code": ..., "message": ...}}}. */
record ApiError(String code, String message) {

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode error = json.createObjectNode();
        error.putObject("error").put("code", code).put("message", message);
        return error;
    }
}
