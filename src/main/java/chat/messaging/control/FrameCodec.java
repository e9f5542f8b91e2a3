package chat.messaging.control;

import chat.messaging.entity.ClientFrame;
import chat.messaging.entity.ErrorCode;
import chat.messaging.entity.FrameRejected;
import chat.messaging.entity.ServerFrame;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** JSON-B for every frame: client frames in, direct server frames out. One thread-safe Jsonb for all. */
@ApplicationScoped
public class FrameCodec {

    /** Deeper JSON is refused before parsing, so hostile nesting costs no stack. */
    static final int MAX_DEPTH = 16;

    private final Jsonb jsonb = JsonbBuilder.create();

    public ClientFrame parse(String text) {
        if (text == null || text.isBlank() || text.charAt(firstNonBlank(text)) != '{') {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "a frame is one JSON object");
        }
        if (depth(text) > MAX_DEPTH) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "JSON nested too deeply");
        }
        try {
            ClientFrame frame = jsonb.fromJson(text, ClientFrame.class);
            if (frame == null) {
                throw new FrameRejected(ErrorCode.BAD_REQUEST, "a frame is one JSON object");
            }
            return frame;
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
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
        try {
            jakarta.json.JsonObject o = jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject();
            return o.get("clientId") instanceof jakarta.json.JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
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
