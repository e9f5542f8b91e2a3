package chat.auth.control;

import chat.auth.entity.ChatPrincipal;
import chat.auth.entity.IssuedToken;
import chat.auth.entity.Username;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and verifies the chat's JWTs. HS256 with {@code chat.auth.secret} for our own logins and for
 * anyone who holds the secret (load tests, single sign-on bridges); RS256 with {@code chat.auth.public-key}
 * for tokens of an external identity provider. Each algorithm is verified only with its own key, so an
 * HS256 token "signed" with the public key or an unsigned one is refused.
 */
@ApplicationScoped
public class Tokens {

    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MIN_SECRET_BYTES = 32;

    @Inject
    @ConfigProperty(name = "chat.auth.secret")
    Optional<String> configuredSecret;

    @Inject
    @ConfigProperty(name = "chat.auth.public-key")
    Optional<String> publicKeyPem;

    /** When set, an RS256 token must name this issuer ({@code iss}): the identity provider's tokens only. */
    @Inject
    @ConfigProperty(name = "chat.auth.issuer")
    Optional<String> issuer;

    /** When set, an RS256 token must name this audience ({@code aud}): tokens the provider issued for the chat. */
    @Inject
    @ConfigProperty(name = "chat.auth.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "chat.auth.token-ttl", defaultValue = "PT12H")
    String ttlSetting;

    @Inject
    @ConfigProperty(name = "chat.auth.username-claim", defaultValue = "sub")
    String usernameClaim;

    @Inject
    Admins admins;

    private Duration ttl;
    private Optional<String> wantedIssuer;
    private Optional<String> wantedAudience;
    private byte[] secret;
    private JWSVerifier macVerifier;
    private JWSVerifier rsaVerifier;

    @PostConstruct
    void init() {
        // ISO-8601 (PT12H) or plain seconds
        ttl = ttlSetting.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(ttlSetting)) : Duration.parse(ttlSetting);
        wantedIssuer = issuer.filter(s -> !s.isBlank());
        wantedAudience = audience.filter(s -> !s.isBlank());
        secret = configuredSecret.filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(Tokens::randomSecret);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("chat.auth.secret must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        try {
            macVerifier = new MACVerifier(secret);
            rsaVerifier = publicKeyPem.filter(s -> !s.isBlank()).map(Tokens::rsaVerifier).orElse(null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use chat.auth.secret: " + e.getMessage(), e);
        }
    }

    /** Created at start, so a bad secret or key fails the deployment instead of every login. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing to do: observing makes the container create this bean now
    }

    private static byte[] randomSecret() {
        LOG.warning("chat.auth.secret is not set: using a random secret, so tokens will not outlive this process"
                + " nor work on other instances");
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return random;
    }

    public IssuedToken issue(String username) {
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(username)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires));
        if (admins.isListed(username)) {
            claims.claim("groups", List.of(Admins.GROUP));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        // JWT times are whole seconds; report the same instant the token holds
        return new IssuedToken(jwt.serialize(), username, expires.getEpochSecond() * 1000);
    }

    /** Verifies signature, algorithm, expiry and the username rule; the principal is all a caller may trust. */
    public ChatPrincipal verify(String token) throws InvalidToken {
        if (token == null || token.isBlank()) {
            throw new InvalidToken("missing token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidToken("malformed token");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        JWSVerifier verifier = JWSAlgorithm.HS256.equals(alg) ? macVerifier
                : JWSAlgorithm.RS256.equals(alg) ? rsaVerifier : null;
        try {
            if (verifier == null || !jwt.verify(verifier)) {
                throw new InvalidToken("bad signature or algorithm");
            }
        } catch (JOSEException e) {
            throw new InvalidToken("bad signature");
        }
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new InvalidToken("expired token");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new InvalidToken("token issued in the future");
        }
        if (verifier == rsaVerifier) {
            checkIssuerAndAudience(claims);
        }
        String name;
        List<String> groups;
        try {
            name = claims.getStringClaim(usernameClaim);
            groups = claims.getStringListClaim("groups");
        } catch (ParseException e) {
            throw new InvalidToken("malformed claims");
        }
        if (!Username.isValid(name)) {
            throw new InvalidToken("invalid username in token");
        }
        return new ChatPrincipal(name, admins.isAdmin(name, groups));
    }

    /**
     * An identity provider signs tokens for many applications with one key: without these checks a token it
     * issued for another application (or another tenant) would log into the chat. Our own HS256 tokens carry
     * neither claim; they are signed with the chat's own secret.
     */
    private void checkIssuerAndAudience(JWTClaimsSet claims) throws InvalidToken {
        if (wantedIssuer.isPresent() && !wantedIssuer.get().equals(claims.getIssuer())) {
            throw new InvalidToken("token of another issuer");
        }
        if (wantedAudience.isPresent() && (claims.getAudience() == null || !claims.getAudience().contains(wantedAudience.get()))) {
            throw new InvalidToken("token for another audience");
        }
    }

    private static JWSVerifier rsaVerifier(String pem) {
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return new RSASSAVerifier(key);
        } catch (Exception e) {
            throw new IllegalStateException("chat.auth.public-key is not a PEM RSA public key", e);
        }
    }
}
