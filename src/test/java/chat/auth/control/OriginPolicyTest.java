package chat.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static OriginPolicy policy(String allowed, boolean trustProxy) {
        OriginPolicy p = new OriginPolicy();
        p.allowed = Optional.ofNullable(allowed);
        p.trustProxy = trustProxy;
        return p;
    }

    @Test
    void sameOriginListedOriginsAndNonBrowsersPass() {
        OriginPolicy p = policy("https://chat.example.com, http://localhost:3000", false);
        assertTrue(p.permits(null, "host:8080", false, null, null));
        assertTrue(p.permits("http://host:8080", "host:8080", false, null, null));
        assertTrue(p.permits("http://HOST:8080", "host:8080", false, null, null));
        assertTrue(p.permits("https://chat.example.com", "internal:8080", false, null, null));
        assertTrue(p.permits("http://localhost:3000", "internal:8080", false, null, null));
        assertFalse(p.permits("https://host:8080", "host:8080", false, null, null), "another scheme");
        assertFalse(p.permits("http://evil.com", "host:8080", false, null, null));
        assertFalse(p.permits("null", "host:8080", false, null, null));
    }

    @Test
    void forwardedHeadersCountOnlyWhenTheProxyIsTrusted() {
        assertFalse(policy(null, false).permits("https://chat.example.com", "10.0.0.5:8080", false, "https", "chat.example.com"));
        assertTrue(policy(null, true).permits("https://chat.example.com", "10.0.0.5:8080", false, "https", "chat.example.com"));
        assertEquals("http://a:80", OriginPolicy.normalize("http://a"));
    }
}
