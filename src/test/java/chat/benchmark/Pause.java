package chat.benchmark;

import java.util.concurrent.locks.LockSupport;

/** Sleeping without checked exceptions; an interrupt is kept for the caller's loop to see. */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks until the given System.nanoTime() instant. */
    static void until(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait);
        }
    }
}
