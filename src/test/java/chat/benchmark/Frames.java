package chat.benchmark;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The generator's side of the wire contract: builds the frames it sends and reads the few fields it needs
 * from the frames it receives by scanning the text, not by a JSON parser (receiving is the hot path).
 * Message content is {@code b|<number>|} (room) or {@code d|<number>|} (direct), padded to the content size.
 */
final class Frames {

    private static final ByteBuf CONTENT_BYTES = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\"content\":\"", StandardCharsets.US_ASCII)).asReadOnly();
    private static final String PADDING = ".".repeat(64 * 1024);

    private volatile Ledger ledger;
    private final LongAdder welcomes = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final LongAdder unknownMessages = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void use(Ledger ledger) {
        this.ledger = ledger;
    }

    static String chat(String room, int k, int contentSize) {
        return "{\"type\":\"chat\",\"room\":\"" + room + "\",\"content\":\"" + content('b', k, contentSize)
                + "\",\"clientId\":\"c" + k + "\"}";
    }

    static String direct(String target, int k, int contentSize) {
        return "{\"type\":\"private\",\"target\":\"" + target + "\",\"content\":\"" + content('d', k, contentSize)
                + "\",\"clientId\":\"c" + k + "\"}";
    }

    static String content(char kind, int k, int size) {
        String head = kind + "|" + k + "|";
        return size <= head.length() ? head : head + PADDING.substring(0, size - head.length());
    }

    /** Handles one complete text frame that arrived at {@code receiver}; room and direct messages stay bytes. */
    void received(LoadConnection receiver, ByteBuf frame, long nowNanos) {
        int at = ByteBufUtil.indexOf(CONTENT_BYTES, frame);
        if (at >= 0) {
            int k = messageNumber(frame, at + CONTENT_BYTES.readableBytes());
            if (k >= 0) {
                Ledger current = ledger;
                if (current != null) {
                    current.received(k, receiver.index, nowNanos, frame);
                } else {
                    unknownMessages.increment();
                }
                return;
            }
        }
        received(receiver, frame.toString(StandardCharsets.UTF_8));
    }

    private void received(LoadConnection receiver, String frame) {
        String type = stringField(frame, "type");
        if ("welcome".equals(type)) {
            welcomes.increment();
            receiver.welcomed();
        } else if ("error".equals(type)) {
            String code = stringField(frame, "code");
            errors.computeIfAbsent(code == null ? "?" : code, c -> new LongAdder()).increment();
            String clientId = stringField(frame, "clientId");
            Ledger current = ledger;
            if (clientId != null && clientId.startsWith("c") && current != null) {
                current.rejected(parseInt(clientId, 1));
            }
        } else {
            other.increment();
        }
    }

    /** The number in content {@code b|123|...} or {@code d|123|...}, or -1 when the content is not ours. */
    private static int messageNumber(ByteBuf frame, int from) {
        int end = frame.writerIndex();
        if (from + 3 > end || frame.getByte(from + 1) != '|') {
            return -1;
        }
        byte kind = frame.getByte(from);
        if (kind != 'b' && kind != 'd') {
            return -1;
        }
        int value = 0;
        int i = from + 2;
        for (; i < end; i++) {
            byte c = frame.getByte(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1;
            }
        }
        return i == from + 2 ? -1 : value;
    }

    private static int parseInt(String s, int from) {
        int value = 0;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1;
            }
            i++;
        }
        return i == from ? -1 : value;
    }

    /** A string field's raw value (no escapes expected in the fields the generator reads), or null. */
    static String stringField(String frame, String name) {
        String key = "\"" + name + "\":\"";
        int at = frame.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }

    long welcomes() {
        return welcomes.sum();
    }

    long otherFrames() {
        return other.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        errors.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }
}
