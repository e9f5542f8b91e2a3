package chat.messaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteScratchTest {

    @BeforeEach
    void freshBuffer() {
        WriteScratch.keptByWrite();
    }

    @Test
    void aThreadGetsItsBufferBackEmptyAfterADoneWrite() {
        ByteBuffer first = WriteScratch.take(600);
        first.put(new byte[600]);
        ByteBuffer again = WriteScratch.take(900);
        assertSame(first, again);
        assertEquals(0, again.position());
        assertTrue(again.remaining() >= 900);
    }

    @Test
    void aBufferTheContainerKeptIsNeverHandedOutAgain() {
        ByteBuffer kept = WriteScratch.take(100);
        WriteScratch.keptByWrite();
        assertNotSame(kept, WriteScratch.take(100));
    }

    @Test
    void itGrowsToTheLargestBatchAndNoFurther() {
        assertEquals(4096, WriteScratch.take(1).capacity());
        assertEquals(8192, WriteScratch.take(4097).capacity());
        assertEquals(WriteScratch.MAX_BYTES, WriteScratch.take(WriteScratch.MAX_BYTES).capacity());
        assertEquals(WriteScratch.MAX_BYTES, WriteScratch.take(10).capacity(), "kept at its size");
    }

    @Test
    void threadsDoNotShare() throws Exception {
        ByteBuffer mine = WriteScratch.take(100);
        ByteBuffer theirs = CompletableFuture.supplyAsync(() -> WriteScratch.take(100)).get();
        assertNotSame(mine, theirs);
    }
}
