package chat.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private final Ledger ledger = new Ledger(100, true);
    private final Frames frames = new Frames();
    private final LoadConnection alice = new LoadConnection(0, "alice", frames, new LongAdder());
    private final LoadConnection bob = new LoadConnection(1, "bob", frames, new LongAdder());

    LedgerTest() {
        frames.use(ledger);
    }

    @Test
    void countsEveryCopyOnceAndTheSendersOwnCopyAsItsAcknowledgement() {
        Phase phase = ledger.newPhase("p");
        int k = ledger.register(phase, alice.index, 2, System.nanoTime());

        frames.received(bob, frame(Frames.chat("general", k, 100), null), System.nanoTime());
        frames.received(alice, frame(Frames.chat("general", k, 100), "1700000000000-7"), System.nanoTime());

        assertEquals(2, phase.deliveries.get());
        assertEquals(1, phase.acks.get());
        assertEquals("1700000000000-7", ledger.id(k));
        assertEquals(new Phase.Loss(2, 0, 0, 0, 0), ledger.loss(phase));
        assertEquals(2, phase.deliveryLatency().getTotalCount());
    }

    @Test
    void missingCopiesAreLostExtraCopiesAreDuplicatesAndAnUnansweredMessageIsLostInFull() {
        Phase phase = ledger.newPhase("p");
        int lostOne = ledger.register(phase, alice.index, 2, System.nanoTime());
        int doubled = ledger.register(phase, alice.index, 2, System.nanoTime());
        ledger.register(phase, alice.index, 2, System.nanoTime());
        frames.received(alice, frame(Frames.direct("bob", lostOne, 10), "1-1"), System.nanoTime());
        for (int i = 0; i < 3; i++) {
            frames.received(i == 0 ? alice : bob, frame(Frames.direct("bob", doubled, 10), "1-2"), System.nanoTime());
        }

        assertEquals(new Phase.Loss(6, 3, 1, 1, 0), ledger.loss(phase), "the unanswered message owes both its copies");
    }

    @Test
    void anErrorWithTheClientIdOfAMessageRejectsIt() {
        Phase phase = ledger.newPhase("p");
        int k = ledger.register(phase, alice.index, 2, System.nanoTime());
        String error = "{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"clientId\":\"c" + k + "\"}";

        frames.received(alice, Unpooled.copiedBuffer(error, StandardCharsets.UTF_8), System.nanoTime());

        assertEquals(1, phase.rejects.get());
        assertEquals(1L, frames.errors().get("RATE_LIMITED"));
        assertEquals(0, phase.outstanding(), "a rejected message is owed no copies");
    }

    /** What the server sends for a client frame: the content unchanged, an id, the sender's copy with its clientId. */
    private static ByteBuf frame(String clientFrame, String id) {
        String content = Frames.stringField(clientFrame, "content");
        String server = "{\"type\":\"chat\",\"id\":\"" + (id == null ? "1-0" : id) + "\",\"room\":\"general\",\"user\":\"alice\","
                + "\"content\":\"" + content + "\",\"ts\":1" + (id == null ? "" : ",\"clientId\":\"c\"") + "}";
        // a slice whose reader index is not 0, as frames cut from a larger read buffer are
        ByteBuf whole = Unpooled.copiedBuffer("xxxx" + server, StandardCharsets.UTF_8);
        return whole.slice(4, whole.readableBytes() - 4);
    }
}
