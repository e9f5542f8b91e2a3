package chat.messaging.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text frame to send, encoded once: the UTF-8 payload with its WebSocket header (server frames are
 * unmasked), shared read-only by every recipient of a fan-out.
 */
public final class OutgoingFrame {

    private final String text;
    private final ByteBuffer wire;

    private OutgoingFrame(String text) {
        this.text = text;
        this.wire = encode(text);
    }

    public static OutgoingFrame of(String text) {
        return new OutgoingFrame(text);
    }

    public String text() {
        return text;
    }

    /** A view of the encoded frame with its own position, for one recipient. */
    ByteBuffer wire() {
        return wire.duplicate();
    }

    /** The encoded size, as counted against a connection's backlog. */
    int size() {
        return wire.remaining();
    }

    static ByteBuffer encode(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) 0x81); // FIN, text
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(payload).flip();
        return frame.asReadOnlyBuffer();
    }
}
