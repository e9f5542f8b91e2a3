package chat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket spoken by hand over a plain socket, for what a well-behaved client library will not do:
 * malformed handshakes, invalid UTF-8, broken frames, a receive buffer of a few KiB.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawWebSocket connect(int port) throws IOException {
        return new RawWebSocket(new Socket("127.0.0.1", port));
    }

    /** With a small receive buffer, so that what the server sends backs up after a few KiB left unread. */
    public static RawWebSocket connectWithReceiveBuffer(int port, int bytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(bytes);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawWebSocket(socket);
    }

    /** Sends a request head as given and returns the status line of the answer ("" when the server just closes). */
    public String request(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead().lines().findFirst().orElse("");
    }

    public String upgrade(String pathAndQuery) throws IOException {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(16));
        return request("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one masked frame with the given opcode and payload (any bytes). */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads frames until a close frame; returns its code, or -1 when the connection ends without one. */
    public int awaitCloseCode() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame == null) {
                return -1;
            }
            if (frame.opcode() == 0x8) {
                byte[] payload = frame.payload();
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
    }

    /** The next text frame's payload, answering pings on the way as a browser does; null when the connection closes. */
    public String readText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame == null || frame.opcode() == 0x8) {
                return null;
            }
            if (frame.opcode() == 0x9) {
                sendFrame(0xA, frame.payload());
            } else if (frame.opcode() == 0x1) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
        }
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** One unfragmented, unmasked frame as a server sends it; null at the end of the stream. */
    private Frame readFrame() throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            return null;
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        return new Frame(b0 & 0x0F, in.readNBytes((int) length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
