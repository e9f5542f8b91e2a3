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
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Client frames in (JSON-P, mapped to their records), server frames out (JSON-B). Both thread-safe, made once. */
@ApplicationScoped
public class FrameCodec {

    /** Deeper JSON is refused before parsing, so hostile nesting costs no stack. */
    static final int MAX_DEPTH = 16;
    private static final List<String> TEXT_FIELDS =
            List.of("type", "room", "content", "clientId", "target", "with", "before", "after", "id");

    private final Jsonb jsonb = JsonbBuilder.create();
    /** Made once: Json.createReader looks the provider up through the class path on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    public ClientFrame parse(String text) {
        if (text == null || text.isBlank() || text.charAt(firstNonBlank(text)) != '{') {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "a frame is one JSON object");
        }
        if (opensMoreThan(text, MAX_DEPTH) && depth(text) > MAX_DEPTH) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "JSON nested too deeply");
        }
        JsonObject o;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            o = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("text after the object");
            }
        } catch (JsonException | ClassCastException | IllegalStateException | NoSuchElementException e) {
            // the parser's message names Java classes: never echo it
            throw new FrameRejected(ErrorCode.BAD_REQUEST, reason(text));
        } catch (UnsupportedOperationException e) {
            // Parsson refuses numbers of more than 1,100 characters; uncaught, each such frame was logged as a
            // warning with a stack trace
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "a number in the frame is too long");
        }
        checkFieldKinds(o);
        return frameOf(o, text);
    }

    /**
     * The record of the frame's type, built from the one parse above. JSON-B (Yasson) built it before, from a
     * second parse; its polymorphic deserialization was over a third of a receiving thread's time under load.
     * The types and fields are those of {@link ClientFrame}; unknown fields are ignored.
     */
    private static ClientFrame frameOf(JsonObject o, String text) {
        String type = text(o, "type");
        if (type == null) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, reason(text));
        }
        return switch (type) {
            case "chat" -> new ClientFrame.Chat(text(o, "room"), text(o, "content"), text(o, "clientId"));
            case "private" -> new ClientFrame.Private(text(o, "target"), text(o, "content"), text(o, "clientId"));
            case "history" -> new ClientFrame.History(text(o, "room"), text(o, "with"), text(o, "before"),
                    text(o, "after"), limit(o));
            case "join" -> new ClientFrame.Join(text(o, "room"));
            case "leave" -> new ClientFrame.Leave(text(o, "room"));
            case "typing" -> new ClientFrame.Typing(text(o, "room"), text(o, "target"));
            case "read" -> new ClientFrame.Read(text(o, "room"), text(o, "with"), text(o, "id"));
            case "ping" -> new ClientFrame.Ping();
            case "register" -> new ClientFrame.Register();
            default -> throw new FrameRejected(ErrorCode.BAD_REQUEST, reason(text));
        };
    }

    /** A text field, or null when absent or null (its kind was checked already). */
    private static String text(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private static Integer limit(JsonObject o) {
        if (!(o.get("limit") instanceof JsonNumber n)) {
            return null;
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new FrameRejected(ErrorCode.BAD_REQUEST, "limit is out of range");
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
     * The contract calls a field of the wrong kind (e.g. {@code "room":7}) a bad request, not a value to
     * convert, so the kinds are checked before a record is built.
     */
    private static void checkFieldKinds(JsonObject o) {
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

    /**
     * Whether the text holds more than {@code max} opening brackets, counted with {@code indexOf} (vectorized):
     * fewer cannot nest deeper, so the character-by-character {@link #depth} scan (a sixth of a receiving
     * thread's samples under load) runs only for the rare frame with many brackets.
     */
    static boolean opensMoreThan(String text, int max) {
        int opened = 0;
        for (char bracket : new char[] {'{', '['}) {
            for (int i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) {
                if (++opened > max) {
                    return true;
                }
            }
        }
        return false;
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
