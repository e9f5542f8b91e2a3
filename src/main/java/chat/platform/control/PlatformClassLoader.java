package chat.platform.control;

/**
 * Runs work with the platform class loader as the thread's context class loader.
 * Tyrus restarts a session's idle timer on every frame sent, by scheduling a task on Payara's managed
 * executor, which captures thread context by a ServiceLoader lookup through the context class loader:
 * under the application's class loader that scans every jar of the WAR, per frame. Fan-out loops run
 * under the platform class loader, where the same lookup is cheap. Nothing in a send needs the
 * application's class loader.
 */
public final class PlatformClassLoader {

    private PlatformClassLoader() {
    }

    public static void run(Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
