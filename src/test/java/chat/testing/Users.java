package chat.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test users: unique names, REST registration and login, and tokens minted with the test secret. */
public final class Users {

    /** Shared by the tests that talk REST to the shared server. */
    public static final HttpClient HTTP = PlainHttp.client(Duration.ofSeconds(5));
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 100000, 36);

    private Users() {
    }

    /** A name no other test of this run uses. */
    public static String unique(String base) {
        return base + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    public static String mint(String name) {
        return mint(name, TestCluster.SECRET, Instant.now().plusSeconds(3600), List.of());
    }

    public static String mint(String name, String secret, Instant expires, List<String> groups) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(name)
                    .issueTime(new Date()).expirationTime(Date.from(expires));
            if (!groups.isEmpty()) {
                claims.claim("groups", groups);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> post(PayaraInstance server, String path, String json) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static HttpResponse<String> get(PayaraInstance server, String path, String token) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String credentials(String name, String password) {
        return Json.createObjectBuilder().add("username", name).add("password", password).build().toString();
    }

    /** Registers and logs in; returns the token. */
    public static String register(PayaraInstance server, String name, String password) {
        HttpResponse<String> created = post(server, "/api/users", credentials(name, password));
        if (created.statusCode() != 201) {
            throw new AssertionError("registration failed: " + created.statusCode() + " " + created.body());
        }
        return login(server, name, password).getString("token");
    }

    public static JsonObject login(PayaraInstance server, String name, String password) {
        HttpResponse<String> r = post(server, "/api/tokens", credentials(name, password));
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        return json(r.body());
    }

    public static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
