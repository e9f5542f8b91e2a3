package chat.messaging.boundary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's answers still to come for one connection's frames. Failures are told in the order the frames
 * came (an error frame never overtakes the error of an earlier frame). Called by the connection's frame
 * handling only, one frame at a time; the answers complete on other threads.
 */
final class StoreAnswers {

    private static final Logger LOG = Logger.getLogger(StoreAnswers.class.getName());

    private final AtomicInteger inFlight = new AtomicInteger();
    /** Completes once every answer added so far has come and its failure, if any, was told. Never fails. */
    private volatile CompletableFuture<Void> told = CompletableFuture.completedFuture(null);

    int inFlight() {
        return inFlight.get();
    }

    void add(CompletableFuture<Void> answer, Consumer<Throwable> onFailure) {
        inFlight.incrementAndGet();
        told = answer.handle((ok, failure) -> failure).thenCombine(told, (failure, earlierTold) -> {
            inFlight.decrementAndGet();
            if (failure != null) {
                tell(onFailure, failure instanceof CompletionException e && e.getCause() != null ? e.getCause() : failure);
            }
            return null;
        });
    }

    /** Waits until every answer so far has come (and was told). */
    void awaitAll() {
        told.join();
    }

    private static void tell(Consumer<Throwable> onFailure, Throwable failure) {
        try {
            onFailure.accept(failure);
        } catch (RuntimeException e) {
            // the connection is gone; nothing else waits for this answer
            LOG.log(Level.FINE, "could not answer a frame", e);
        }
    }
}
