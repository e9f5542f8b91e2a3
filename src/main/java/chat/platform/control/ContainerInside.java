package chat.platform.control;

import java.util.logging.Logger;

/**
 * A way into the container's inside that the standard API does not offer (a Tyrus field, a Grizzly buffer), found
 * by reflection once per process, from the class of the first object it is used on. Payara 6 / Tyrus 2.1 have it;
 * elsewhere, or once the inside has changed, finding or using it fails, and from then on the caller takes the
 * standard way: {@link #use} answers null, and the log says once what that costs.
 *
 * @param <H> what was found: a field, method handles
 */
public final class ContainerInside<H> {

    /** Starts the one log line of every fallback, so a test can tell that none happened, whatever its wording. */
    public static final String FELL_BACK = "container inside unavailable: ";

    /** Finds the way in, given the container's class of the object it is for. */
    @FunctionalInterface
    public interface Finder<H> {
        H find(Class<?> type) throws ReflectiveOperationException;
    }

    /** Uses what was found; may answer null. */
    @FunctionalInterface
    public interface Use<H, R> {
        R with(H found) throws Throwable;
    }

    private final Finder<H> finder;
    private final Logger log;
    private final String standardWay;
    private volatile H found;
    private volatile boolean unavailable;

    /** {@code standardWay}: what happens without it, for the one log line. */
    public ContainerInside(Finder<H> finder, Logger log, String standardWay) {
        this.finder = finder;
        this.log = log;
        this.standardWay = standardWay;
    }

    /** What {@code use} answers for {@code target}, or null when the way in is not there. */
    public <R> R use(Object target, Use<H, R> use) {
        if (unavailable) {
            return null;
        }
        try {
            H way = found;
            if (way == null) {
                // two first users at once both find it; the same thing, so either may win
                way = finder.find(target.getClass());
                found = way;
            }
            return use.with(way);
        } catch (VirtualMachineError e) {
            throw e; // out of memory or stack: the JVM's trouble, not a changed inside, so no reason to fall back
        } catch (Throwable e) {
            unavailable = true;
            log.info(() -> FELL_BACK + standardWay + " (" + e + ")");
            return null;
        }
    }
}
