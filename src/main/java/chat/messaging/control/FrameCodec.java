package chat.messaging.control;

import chat.messaging.entity.ClientFrame;
import chat.messaging.entity.ErrorCode;
import chat.messaging.entity.FrameRejected;
import chat.messaging.entity.ServerFrame;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/** JSON-B for every frame: client frames in, direct server frames out. One thread-safe Jsonb for all. */
@ApplicationScoped
public class FrameCodec {

    /** Deeper JSON is refused before parsing, so hostile nesting costs no stack. */
    static final int MAX_DEPTH = 16;
    private static final List<String> TEXT_FIELDS =
            List.of("type", "room", "content", "clientId", "target", "with", "before", "after", "id");

    private final Jsonb jsonb = JsonbBuilder.create();
    /** Made once: Json.createReader looks the provider up through the class path on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    public ClientFrame parse(String text) {
        if (text == null || text.isBlank() || text.charAt(firstNonBlank(text)) != '{') {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "a frame is one JSON object");
        }
        if (depth(text) > MAX_DEPTH) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "JSON nested too deeply");
        }
        try {
            checkFieldKinds(text);
            ClientFrame frame = jsonb.fromJson(text, ClientFrame.class);
            if (frame == null) {
                throw new FrameRejected(ErrorCode.BAD_REQUEST, "a frame is one JSON object");
            }
            return frame;
        } catch (JsonbException | JsonException | ClassCastException | IllegalArgumentException e) {
            // the parser's message names Java classes: never echo it
            throw new FrameRejected(ErrorCode.BAD_REQUEST, reason(text));
        }
    }

    public String write(ServerFrame frame) {
        return jsonb.toJson(frame);
    }

    public String json(Object value) {
        return jsonb.toJson(value);
    }

    /** Extracts the clientId of a frame that could not be parsed, so its error can still carry it. */
    public String clientIdOf(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject().get("clientId") instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * JSON-B would quietly turn {@code "room":7} into "7"; the contract calls a field of the wrong kind a
     * bad request, so the kinds are checked first.
     */
    private static void checkFieldKinds(String text) {
        JsonObject o;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        for (String field : TEXT_FIELDS) {
            JsonValue v = o.get(field);
            if (v != null && v.getValueType() != JsonValue.ValueType.STRING && v.getValueType() != JsonValue.ValueType.NULL) {
                throw new FrameRejected(ErrorCode.BAD_REQUEST, field + " must be a string");
            }
        }
        JsonValue limit = o.get("limit");
        if (limit != null && !(limit instanceof JsonNumber n && n.isIntegral())) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "limit must be a whole number");
        }
    }

    private static String reason(String text) {
        return text.contains("\"type\"") ? "unknown type, or a field is missing or of the wrong kind"
                : "not a JSON object with a type";
    }

    private static int firstNonBlank(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Maximum nesting of objects and arrays, ignoring brackets inside strings. */
    static int depth(String text) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
                if (max > MAX_DEPTH) {
                    return max;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing left to release
        }
    }
}
