package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.Browser;
import chat.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's pure modules, run in the browser that serves them (no Node needed): ES modules imported
 * from the server by the page, called with edge cases that a whole-page test would reach only by luck.
 */
class ClientModulesIT {

    static Browser browser;

    @BeforeAll
    static void page() {
        browser = Browser.open(Browser.DESKTOP);
        browser.driver().get(TestCluster.shared().uri("/").toString());
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    /** Runs an async function body in the page; `module(path)` imports one of the app's modules. */
    Object run(String body) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const module = (path) => import(new URL('app/' + path, document.baseURI).href);"
                + "(async () => {" + body + "})().then(done, (e) => done('ERROR ' + e.stack));";
        return browser.driver().executeAsyncScript(script);
    }

    @Test
    void messageIdsCompareByBothNumbersAlsoBeyondDoublePrecision() {
        Object result = run("""
                const { compareIds } = await module('messaging/entity/message-id.js');
                return [compareIds('1-0', '2-0'), compareIds('10-0', '9-5'), compareIds('5-10', '5-9'),
                        compareIds('7-1', '7-1'), compareIds('9007199254740993-0', '9007199254740992-0')];
                """);
        assertEquals(List.of(-1L, 1L, 1L, 0L, 1L), result);
    }

    @Test
    void aConversationHoldsEachMessageOnceInIdOrder() {
        Object result = run("""
                const { Conversation } = await module('messaging/entity/conversation.js');
                const c = new Conversation('general');
                const m = (id) => ({ id, user: 'a', content: id, ts: 0 });
                const added = [c.add(m('5-0')), c.add(m('3-0')), c.add(m('5-0')), c.add(m('10-0'))];
                const fromHistory = c.addAll([m('1-0'), m('3-0'), m('4-0')]).length;
                return { added, fromHistory, ids: c.messages.map((x) => x.id), oldest: c.oldestId, newest: c.newestId };
                """);
        assertEquals(Map.of("added", List.of(true, true, false, true), "fromHistory", 2L,
                "ids", List.of("1-0", "3-0", "4-0", "5-0", "10-0"), "oldest", "1-0", "newest", "10-0"), result);
    }

    @Test
    void reconnectDelaysGrowWithJitterAndStayCapped() {
        Object result = run("""
                const { reconnectDelay } = await module('connection/control/backoff.js');
                const at = (attempt, r) => reconnectDelay(attempt, { random: () => r });
                return [at(0, 0), at(0, 1), at(3, 0), at(3, 1), at(20, 0), at(20, 1)];
                """);
        assertEquals(List.of(250L, 500L, 2000L, 4000L, 5000L, 10000L), result);
    }

    @Test
    void onlyHttpAndHttpsTextBecomesALinkAndTheRestStaysText() {
        Object result = run("""
                const { textWithLinks } = await module('messaging/boundary/link-text.js');
                const box = document.createElement('p');
                box.append(textWithLinks('go https://a.example/x?y=1&z=2). javascript:alert(1) '
                    + 'data:text/html,<b>x</b> <a href="https://evil.example">y</a> http://b.example/'));
                return { text: box.textContent, links: [...box.querySelectorAll('a')].map((a) => [a.href, a.textContent, a.rel]),
                         elements: [...box.querySelectorAll('*')].map((e) => e.tagName) };
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) result;
        assertEquals("go https://a.example/x?y=1&z=2). javascript:alert(1) data:text/html,<b>x</b> "
                + "<a href=\"https://evil.example\">y</a> http://b.example/", r.get("text"), "all of the text, as text");
        assertEquals(List.of(
                List.of("https://a.example/x?y=1&z=2", "https://a.example/x?y=1&z=2", "noopener noreferrer nofollow"),
                List.of("https://evil.example/", "https://evil.example", "noopener noreferrer nofollow"),
                List.of("http://b.example/", "http://b.example/", "noopener noreferrer nofollow")), r.get("links"));
        assertEquals(List.of("A", "A", "A"), r.get("elements"), "no element but the links");
    }

    @Test
    void theTokenPayloadIsReadForDisplayOnly() {
        Object result = run("""
                const { Session } = await module('auth/entity/session.js');
                const b64 = (o) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
                    .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
                const token = (claims) => 'x.' + b64(claims) + '.sig';
                const admin = new Session({ token: token({ sub: 'zoë', groups: ['admin'], exp: 4102444800 }) });
                const old = new Session({ token: token({ sub: 'bob', exp: 1000 }) });
                const junk = new Session({ token: 'not a token', username: 'carl' });
                return [admin.username, admin.isAdmin, admin.isExpired(), old.isAdmin, old.isExpired(), junk.username, junk.isAdmin];
                """);
        assertEquals(List.of("zoë", true, false, false, true, "carl", false), result);
    }
}
