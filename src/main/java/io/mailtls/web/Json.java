package io.mailtls.web;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of the web API: requests read strictly, responses written compactly. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /**
     * A {@code POST /api/checks} body.
     *
     * @param target     the target text
     * @param deep       whether a deep check was asked for
     * @param expectName the expected certificate name, or null
     */
    record CheckRequest(String target, boolean deep, String expectName) {
    }

    /** Reads a check request; throws IllegalArgumentException with a reason for anything malformed. */
    static CheckRequest checkRequest(String body) {
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object with \"target\"");
        }
        JsonNode target = n.get("target");
        if (target == null || !target.isString()) {
            throw new IllegalArgumentException("\"target\" must be a string");
        }
        JsonNode deep = n.get("deep");
        if (deep != null && !deep.isNull() && !deep.isBoolean()) {
            throw new IllegalArgumentException("\"deep\" must be true or false");
        }
        JsonNode expect = n.get("expect_name");
        if (expect != null && !expect.isNull() && !expect.isString()) {
            throw new IllegalArgumentException("\"expect_name\" must be a string or null");
        }
        return new CheckRequest(target.stringValue(), deep != null && deep.isBoolean() && deep.booleanValue(),
                expect == null || expect.isNull() ? null : expect.stringValue());
    }

    static String error(String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", message);
        return n.toString();
    }

    static String id(String id) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", id);
        return n.toString();
    }

    /** A check that has not finished (or failed): {@code {"id", "state"[, "error"]}}. */
    static String state(CheckJob job) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", job.id());
        n.put("state", job.state().json());
        if (job.error() != null) {
            n.put("error", job.error());
        }
        return n.toString();
    }

    static String line(LiveLine l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("seq", l.seq());
        n.put("endpoint", l.endpoint());
        n.put("at_ms", l.line().atMs());
        n.put("from", l.line().from().json());
        n.put("text", l.line().text());
        return n.toString();
    }

    static String done(CheckJob job) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", job.id());
        n.put("state", job.state().json());
        if (job.report() != null) {
            n.put("outcome", job.report().outcome().name());
        }
        n.put("url", "/checks/" + job.id());
        return n.toString();
    }

    static String recent(java.util.List<CheckJob> jobs) {
        ObjectNode n = MAPPER.createObjectNode();
        var a = n.putArray("checks");
        for (CheckJob j : jobs) {
            ObjectNode x = a.addObject();
            x.put("id", j.id());
            x.put("target", j.target());
            x.put("state", j.state().json());
            x.put("submitted_at", j.submitted().toString());
            if (j.report() != null) {
                x.put("outcome", j.report().outcome().name());
            }
        }
        return n.toString();
    }
}
