package chat.client;

import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Users for the browser tests: unique names (the server and Redis are shared by the whole suite). */
final class Accounts {

    static final String PASSWORD = "correct-horse-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Accounts() {
    }

    /** A fresh, valid, unused username with a readable prefix. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static void register(PayaraInstance server, String user) {
        HttpResponse<String> answer = post(server, "/api/users", user, PASSWORD, null);
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("could not register " + user + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    static String logIn(PayaraInstance server, String user, String password) {
        HttpResponse<String> answer = post(server, "/api/tokens", user, password, null);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("could not log in " + user + ": " + answer.statusCode() + " " + answer.body());
        }
        return json(answer.body()).getString("token");
    }

    /** A token minted with the test server's secret, as a load test or an identity provider would. */
    static String mint(String user, String secret, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject(user)
                    .issueTime(Date.from(Instant.now().minusSeconds(60)))
                    .expirationTime(Date.from(expires))
                    .build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mint(String user) {
        return mint(user, TestCluster.SECRET, Instant.now().plusSeconds(3600));
    }

    static HttpResponse<String> get(PayaraInstance server, String path, String token) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    static HttpResponse<String> post(PayaraInstance server, String path, String user, String password, String token) {
        JsonObject body = Json.createObjectBuilder().add("username", user).add("password", password).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
