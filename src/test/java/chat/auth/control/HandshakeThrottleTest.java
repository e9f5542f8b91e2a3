package chat.auth.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeThrottleTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static HandshakeThrottle throttle(int perMinute) {
        HandshakeThrottle t = new HandshakeThrottle();
        t.perMinute = perMinute;
        t.maxOpen = 100;
        return t;
    }

    @Test
    void aBurstAcrossTheMinuteBoundaryGetsTheLimitNotTwice() {
        HandshakeThrottle t = throttle(12);
        long justBefore = 10 * MINUTE - SECOND / 10;
        for (int i = 0; i < 12; i++) {
            assertTrue(t.admit("10.0.0.1", justBefore), "attempt " + (i + 1));
        }
        assertFalse(t.admit("10.0.0.1", justBefore));
        int admittedJustAfter = 0;
        for (int i = 0; i < 12; i++) {
            admittedJustAfter += t.admit("10.0.0.1", justBefore + SECOND / 5) ? 1 : 0;
        }
        assertTrue(admittedJustAfter == 0, admittedJustAfter + " more admitted right after the boundary");
    }

    @Test
    void attemptsAreAdmittedAgainAsTheLastMinuteSlidesOut() {
        HandshakeThrottle t = throttle(12);
        for (int i = 0; i < 12; i++) {
            t.admit("10.0.0.1", 10 * MINUTE + 30 * SECOND);
        }
        assertFalse(t.admit("10.0.0.1", 10 * MINUTE + 50 * SECOND));
        // 13 counted last minute, 55 s of the next gone: 13 x 5/60 ≈ 1.1 still weigh
        long later = 11 * MINUTE + 55 * SECOND;
        for (int i = 0; i < 10; i++) {
            assertTrue(t.admit("10.0.0.1", later), "attempt " + (i + 1));
        }
        assertFalse(t.admit("10.0.0.1", later));
        assertTrue(t.admit("10.0.0.2", later), "another address has its own budget");
    }

    @Test
    void afterAQuietMinuteTheWholeBudgetIsBack() {
        HandshakeThrottle t = throttle(3);
        for (int i = 0; i < 5; i++) {
            t.admit("10.0.0.1", MINUTE);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(t.admit("10.0.0.1", 3 * MINUTE));
        }
        assertFalse(t.admit("10.0.0.1", 3 * MINUTE));
    }
}
