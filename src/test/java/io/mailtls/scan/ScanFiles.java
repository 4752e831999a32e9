package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a scan's JSON lines back, strictly: every line must parse, and no target may appear twice. */
final class ScanFiles {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ScanFiles() {
    }

    /** Every line, parsed. */
    static List<JsonNode> lines(String text) {
        List<JsonNode> out = new ArrayList<>();
        text.lines().forEach(l -> {
            JsonNode n = MAPPER.readTree(l);
            assertThat(n.path("schema").stringValue("")).as(l).isEqualTo("mailtls.check/1");
            out.add(n);
        });
        assertThat(text.isEmpty() || text.endsWith("\n")).as("output ends with a whole line").isTrue();
        return out;
    }

    static List<JsonNode> lines(Path file) throws IOException {
        return lines(Files.readString(file));
    }

    /** Target to its line, failing on a target seen twice. */
    static Map<String, JsonNode> byTarget(List<JsonNode> lines) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode n : lines) {
            String t = n.path("target").stringValue(null);
            assertThat(t).isNotNull();
            assertThat(out.put(t, n)).as("target %s appears more than once", t).isNull();
        }
        return out;
    }

    /** The ids of a line's findings. */
    static List<String> ids(JsonNode line) {
        List<String> ids = new ArrayList<>();
        line.path("findings").forEach(f -> ids.add(f.path("id").stringValue("")));
        return ids;
    }
}
