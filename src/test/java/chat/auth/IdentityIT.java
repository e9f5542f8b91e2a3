package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Identity: registration, login, tokens, and a handshake that lets nobody in who should not be. */
class IdentityIT {

    private final PayaraInstance server = TestCluster.shared();

    private URI chat(String token) {
        return server.webSocketUri("/chat" + (token == null ? "" : "?token=" + token));
    }

    private int handshake(String token) {
        return ChatClient.handshakeStatus(chat(token), null);
    }

    @Test
    void registrationAndLoginGiveATokenThatOpensTheChat() {
        String name = Users.unique("reg");
        HttpResponse<String> created = Users.post(server, "/api/users", Users.credentials(name, "s3cret-pass"));
        assertEquals(201, created.statusCode());
        assertEquals(name, Users.json(created.body()).getString("username"));

        JsonObject login = Users.login(server, name, "s3cret-pass");
        assertEquals(name, login.getString("username"));
        long expiresAt = login.getJsonNumber("expiresAt").longValue();
        assertTrue(expiresAt > System.currentTimeMillis() + 11 * 3600_000L, "about 12 h ahead, in ms: " + expiresAt);

        try (ChatClient client = ChatClient.connect(server, login.getString("token"))) {
            JsonObject welcome = client.awaitType("welcome");
            assertEquals(name, welcome.getString("user"));
            assertTrue(welcome.getJsonArray("rooms").toString().contains("general"));
        }
    }

    @Test
    void duplicateAndInvalidRegistrationsAreRefused() {
        String name = Users.unique("dup");
        assertEquals(201, Users.post(server, "/api/users", Users.credentials(name, "password-1")).statusCode());
        HttpResponse<String> again = Users.post(server, "/api/users", Users.credentials(name, "password-2"));
        assertEquals(409, again.statusCode());
        assertEquals("USERNAME_TAKEN", Users.json(again.body()).getString("error"));

        for (String bad : List.of("", "has space", "x".repeat(33), "semi;colon", "ünï")) {
            HttpResponse<String> r = Users.post(server, "/api/users", Users.credentials(bad, "password-1"));
            assertEquals(400, r.statusCode(), bad);
            assertEquals("BAD_REQUEST", Users.json(r.body()).getString("error"));
        }
        assertEquals(400, Users.post(server, "/api/users", Users.credentials(Users.unique("short"), "1234567")).statusCode());
        assertEquals(400, Users.post(server, "/api/users", "not json").statusCode());
        assertEquals(403, Users.post(server, "/api/users", Users.credentials(TestCluster.ADMIN, "password-1")).statusCode(),
                "names in chat.admins cannot be registered");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String name = Users.unique("login");
        Users.register(server, name, "right-password");
        HttpResponse<String> wrong = Users.post(server, "/api/tokens", Users.credentials(name, "wrong-password"));
        HttpResponse<String> unknown = Users.post(server, "/api/tokens", Users.credentials(Users.unique("nobody"), "wrong-password"));
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    void aMintedTokenCreatesItsAccountWhichThenCannotBeRegistered() {
        String name = Users.unique("minted");
        try (ChatClient client = ChatClient.connect(server, Users.mint(name))) {
            assertEquals(name, client.awaitType("welcome").getString("user"));
        }
        assertEquals(409, Users.post(server, "/api/users", Users.credentials(name, "password-1")).statusCode());
        assertEquals(401, Users.post(server, "/api/tokens", Users.credentials(name, "password-1")).statusCode(),
                "a minted account has no password");
    }

    @Test
    void configuredAdminLogsInWithTheAdminGroup() throws Exception {
        JsonObject login = Users.login(server, TestCluster.ADMIN, TestCluster.ADMIN_PASSWORD);
        assertEquals(List.of("admin"), SignedJWT.parse(login.getString("token")).getJWTClaimsSet().getStringListClaim("groups"));
    }

    @Test
    void handshakesWithoutAValidTokenAreRefusedWith401() throws Exception {
        String name = Users.unique("bad");
        assertEquals(401, handshake(null), "no token");
        assertEquals(401, handshake("garbage"), "garbage");
        assertEquals(401, handshake(Users.mint(name, TestCluster.SECRET, Instant.now().minusSeconds(3600), List.of())), "expired");
        assertEquals(401, handshake(Users.mint(name, "another-secret-that-is-long-enough-0123456789", Instant.now().plusSeconds(600), List.of())),
                "wrong secret");
        String none = new PlainJWT(claims(name)).serialize();
        assertEquals(401, handshake(none), "alg none");
        assertEquals(401, handshake(Users.mint("bad name!", TestCluster.SECRET, Instant.now().plusSeconds(600), List.of())),
                "a name against the username rules");
    }

    @Test
    void rs256TokensOfTheIdentityProviderWorkAndOtherKeysOrConfusionDoNot() throws Exception {
        String name = Users.unique("sso");
        try (ChatClient client = ChatClient.connect(server, rs256(name, TestCluster.IDP_KEYS))) {
            assertEquals(name, client.awaitType("welcome").getString("user"));
        }
        assertEquals(401, handshake(rs256(name, TestCluster.rsaKeys())), "RS256 signed by another key");
        assertEquals(401, handshake(rs256(name, TestCluster.IDP_KEYS, "https://idp.example.test/realms/other", TestCluster.IDP_AUDIENCE)),
                "another issuer");
        assertEquals(401, handshake(rs256(name, TestCluster.IDP_KEYS, TestCluster.IDP_ISSUER, "payroll")), "another audience");
        assertEquals(401, handshake(rs256(name, TestCluster.IDP_KEYS, null, null)), "neither issuer nor audience");
        // the public key used as an HMAC secret: the classic algorithm confusion
        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(name));
        confused.sign(new MACSigner(TestCluster.IDP_KEYS.getPublic().getEncoded()));
        assertEquals(401, handshake(confused.serialize()), "HS256 with the public key as secret");
    }

    @Test
    void bannedUsersCannotConnectOrLogIn() {
        String name = Users.unique("banned");
        String token = Users.register(server, name, "password-1");
        try (Jedis redis = LocalRedis.shared().connect()) {
            redis.sadd(TestCluster.keyPrefix() + "bans", name);
        }
        assertEquals(403, handshake(token));
        assertEquals(403, Users.post(server, "/api/tokens", Users.credentials(name, "password-1")).statusCode());
        assertEquals(403, Users.get(server, "/api/presence", token).statusCode());
    }

    @Test
    void aBannedNameFirstSeenInAValidTokenIsRefusedAndGetsNoAccount() {
        String name = Users.unique("banned-new");
        try (Jedis redis = LocalRedis.shared().connect()) {
            redis.sadd(TestCluster.keyPrefix() + "bans", name);
        }
        assertEquals(403, handshake(Users.mint(name)));
        try (Jedis redis = LocalRedis.shared().connect()) {
            assertFalse(redis.exists(TestCluster.keyPrefix() + "user:" + name), "an account was made for a banned name");
        }
        // and a name that is not banned gets its account at its first connect
        String fresh = Users.unique("minted-new");
        try (ChatClient client = ChatClient.connect(server, Users.mint(fresh))) {
            client.awaitType("welcome");
        }
        try (Jedis redis = LocalRedis.shared().connect()) {
            assertTrue(redis.exists(TestCluster.keyPrefix() + "user:" + fresh), "no account for a first connect");
        }
    }

    @Test
    void crossSiteOriginsAreRefusedAndTheOwnOriginIsAccepted() {
        String token = Users.mint(Users.unique("origin"));
        assertEquals(403, ChatClient.handshakeStatus(chat(token), "https://evil.example"));
        assertEquals(403, ChatClient.handshakeStatus(chat(token), "http://127.0.0.1:" + (server.port() + 1)));
        try (ChatClient same = ChatClient.connect(chat(token), "http://127.0.0.1:" + server.port())) {
            same.awaitType("welcome");
        }
    }

    @Test
    void restCallsNeedAValidBearerToken() {
        assertEquals(401, Users.get(server, "/api/presence", "garbage").statusCode());
        HttpResponse<String> ok = Users.get(server, "/api/presence", Users.mint(Users.unique("rest")));
        assertEquals(200, ok.statusCode());
        assertTrue(Users.json(ok.body()).containsKey("online"));
    }

    @Test
    void tokensAndPasswordsNeverReachTheLog() {
        String name = Users.unique("secretive");
        String password = "pw-" + name;
        String token = Users.register(server, name, password);
        try (ChatClient client = ChatClient.connect(server, token)) {
            client.awaitType("welcome");
        }
        handshake(token + "x");
        String log = server.logText();
        assertTrue(log.contains(name), "the user's events are logged");
        assertFalse(log.contains(password), "password in log");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.'))), "token signature in log");
        assertFalse(log.contains(token.substring(0, token.lastIndexOf('.'))), "token in log");
    }

    private static JWTClaimsSet claims(String name) {
        return new JWTClaimsSet.Builder().subject(name).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    }

    private static String rs256(String name, KeyPair keys) throws Exception {
        return rs256(name, keys, TestCluster.IDP_ISSUER, TestCluster.IDP_AUDIENCE);
    }

    private static String rs256(String name, KeyPair keys, String issuer, String audience) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(claims(name)).issuer(issuer);
        if (audience != null) {
            claims.audience(List.of(audience, "account"));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

}
