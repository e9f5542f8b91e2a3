package chat.messaging.control;

import java.nio.ByteBuffer;

/**
 * One buffer per writing thread, in which a socket write is put together before it is handed to the container.
 * <p>
 * Why not a new array per write: Grizzly wraps the array of every write that does not fit its output buffer and
 * keeps that wrapper, array and all, until the connection's next such write. A fresh array per write therefore
 * stayed on the heap once per connection: its welcome frame or its last batch (6 KiB per connection in a heap
 * dump at 3,000 idle connections after a wave of presence frames; docs/benchmark/history.md, eighth session). Given the
 * thread's buffer instead, all the connections a thread writes to hold the same array. Reusing it is safe once
 * the write is done: Grizzly copies what it cannot send at once. A write that Tyrus queued itself instead (its
 * future not done) keeps its buffer, and the thread takes a new one.
 */
final class WriteScratch {

    /** Writes larger than this (one large frame) are handed over as they are. */
    static final int MAX_BYTES = Outbound.BATCH_BYTES;

    private static final int MIN_BYTES = 4 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private WriteScratch() {
    }

    /** This thread's buffer, empty, holding at least {@code bytes} (at most {@link #MAX_BYTES}). */
    static ByteBuffer take(int bytes) {
        ByteBuffer buffer = BUFFER.get();
        if (buffer == null || buffer.capacity() < bytes) {
            int size = Math.max(MIN_BYTES, Integer.highestOneBit(bytes - 1) << 1); // the next power of two
            buffer = ByteBuffer.allocate(Math.min(MAX_BYTES, size));
            BUFFER.set(buffer);
        }
        return buffer.clear();
    }

    /** The buffer last taken is still the container's (its write was queued): this thread needs another. */
    static void keptByWrite() {
        BUFFER.remove();
    }
}
