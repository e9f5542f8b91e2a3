package chat.benchmark;

import chat.testing.PayaraInstance;
import chat.testing.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server under load: normally a Payara Micro the benchmark started; for trying the generator alone, a
 * server already running at {@code server.external} (loopback only), optionally with its pid for /proc figures.
 */
interface Target {

    URI uri(String path);

    URI webSocketUri(String path);

    long pid();

    boolean isAlive();

    Duration startup();

    Path log();

    int status(String path);

    void stop();

    void kill();

    static Target of(PayaraInstance payara) {
        return new Target() {
            public URI uri(String path) {
                return payara.uri(path);
            }

            public URI webSocketUri(String path) {
                return payara.webSocketUri(path);
            }

            public long pid() {
                return payara.pid();
            }

            public boolean isAlive() {
                return payara.isAlive();
            }

            public Duration startup() {
                return payara.startup();
            }

            public Path log() {
                return payara.log();
            }

            public int status(String path) {
                return payara.status(path);
            }

            public void stop() {
                payara.stop();
            }

            public void kill() {
                payara.kill();
            }
        };
    }

    static Target external(String base, long pid) {
        URI root = URI.create(base);
        if (!"127.0.0.1".equals(root.getHost()) && !"localhost".equals(root.getHost())) {
            throw new IllegalArgumentException("the benchmark only targets loopback, not " + base);
        }
        HttpClient http = PlainHttp.client(Duration.ofSeconds(2));
        return new Target() {
            public URI uri(String path) {
                return root.resolve(path);
            }

            public URI webSocketUri(String path) {
                return URI.create("ws://" + root.getHost() + ":" + root.getPort() + path);
            }

            public long pid() {
                return pid;
            }

            public boolean isAlive() {
                return pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }

            public Duration startup() {
                return null;
            }

            public Path log() {
                return Path.of("(external server)");
            }

            public int status(String path) {
                try {
                    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    return -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }

            public void stop() {
                // not ours to stop
            }

            public void kill() {
                // not ours to kill
            }
        };
    }
}
