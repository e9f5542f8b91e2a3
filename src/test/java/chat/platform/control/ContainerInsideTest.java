package chat.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ContainerInsideTest {

    private final Logger log = Logger.getAnonymousLogger();
    private final List<String> logged = new ArrayList<>();

    ContainerInsideTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void theWayInIsFoundOnceFromTheFirstTargetsClass() throws Exception {
        AtomicInteger finds = new AtomicInteger();
        ContainerInside<Method> length = new ContainerInside<>(type -> {
            finds.incrementAndGet();
            return type.getMethod("length");
        }, log, "standard");

        assertEquals(5, (int) length.use("hello", m -> m.invoke("hello")));
        assertEquals(2, (int) length.use("hi", m -> m.invoke("hi")));
        assertEquals(1, finds.get());
        assertEquals(List.of(), logged);
    }

    @Test
    void aFailureToFindMeansTheStandardWayFromThenOnLoggedOnce() {
        AtomicInteger finds = new AtomicInteger();
        ContainerInside<Field> missing = new ContainerInside<>(type -> {
            finds.incrementAndGet();
            return type.getDeclaredField("noSuchField");
        }, log, "writes go the standard way");

        assertNull(missing.use("a", f -> "used"));
        assertNull(missing.use("b", f -> "used"));
        assertEquals(1, finds.get());
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).startsWith(ContainerInside.FELL_BACK + "writes go the standard way (java.lang.NoSuchFieldException"),
                logged.get(0));
    }

    @Test
    void theJvmRunningOutOfMemoryIsNotTakenForAChangedInside() {
        ContainerInside<String> inside = new ContainerInside<>(type -> "found", log, "standard");

        assertThrows(OutOfMemoryError.class, () -> inside.use("a", found -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals("found", inside.use("b", found -> found), "still in use");
        assertEquals(List.of(), logged);
    }

    @Test
    void aFailureWhileUsingItAlsoEndsItsUse() {
        AtomicInteger uses = new AtomicInteger();
        ContainerInside<String> inside = new ContainerInside<>(type -> "found", log, "standard");

        assertNull(inside.use("a", found -> {
            uses.incrementAndGet();
            throw new IllegalStateException("the inside changed");
        }));
        assertNull(inside.use("b", found -> uses.incrementAndGet()));
        assertEquals(1, uses.get());
        assertEquals(1, logged.size());
    }
}
