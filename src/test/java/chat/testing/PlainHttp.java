package chat.testing;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK HTTP client as the tests and the benchmark use it: HTTP/1.1, as a browser speaks to a plain-http server.
 * The JDK's default (HTTP/2 through an h2c upgrade) kept a pooled HTTP/2 connection that the server later closed,
 * and the next POST on it failed with "EOF reached while reading" (IdentityIT, once in a CI run): the client
 * retries no POST.
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }
}
