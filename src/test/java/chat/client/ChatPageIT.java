package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.Browser;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.ChatClient;
import chat.testing.Users;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The browser client against the real server and Redis, in headless Chromium: people sign up, chat in
 * rooms and privately, see unread badges and typing, scroll back through history; message text is never
 * run as markup.
 */
class ChatPageIT {

    static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    static PayaraInstance server;
    final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void server() {
        server = TestCluster.shared();
    }

    @AfterEach
    void closeEverything() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    <T extends AutoCloseable> T keep(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    ChatPage page(org.openqa.selenium.Dimension size) {
        return ChatPage.open(keep(Browser.open(size)), server);
    }

    @Test
    void twoPeopleSignUpChatInGeneralAndPrivatelyWithUnreadBadgesAndTyping() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String team = Users.unique("team").toLowerCase();
        ChatPage a = page(Browser.DESKTOP).signUp(alice, Talk.PASSWORD).awaitConnected();
        ChatPage b = page(Browser.DESKTOP).signUp(bob, Talk.PASSWORD).awaitConnected();
        a.waitUntil(d -> a.onlineUsers().contains(bob));

        // general: each sees the other's message with its sender; one's own messages are marked
        a.send("Hi " + bob + ", welcome to the chat!");
        WebElement seenByBob = b.awaitMessage("Hi " + bob + ", welcome to the chat!");
        assertEquals(alice, seenByBob.findElement(By.cssSelector(".sender")).getAttribute("textContent"));
        assertTrue(seenByBob.getAttribute("class").contains("other"));
        b.send("Thanks! Glad to be here.");
        WebElement own = b.awaitMessage("Thanks! Glad to be here.");
        assertTrue(own.getAttribute("class").contains("own"), "own messages are marked");
        a.awaitMessage("Thanks! Glad to be here.");
        // a second message right after by the same sender is grouped under the first
        b.send("Is there a room for the team?");
        assertTrue(b.awaitMessage("Is there a room for the team?").getAttribute("class").contains("continued"));
        String time = a.awaitMessage("Thanks! Glad to be here.").findElement(By.cssSelector("time")).getAttribute("textContent");
        assertTrue(time.matches("\\d{1,2}:\\d{2}.*"), "local time is shown: " + time);

        // typing in general shows on the other side
        b.type("Yes, let me");
        a.awaitTyping(bob + " is typing…");
        b.type(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

        // a room created by one and joined by the other
        a.joinRoom(team);
        b.joinRoom(team);
        b.open("general");
        a.send("Standup notes go here.");
        b.awaitUnread(team, 1);
        b.open(team);
        b.awaitMessage("Standup notes go here.");
        b.awaitUnread(team, 0);

        // a direct conversation: unread badge on the other side until opened
        a.writeTo(bob);
        a.send("Psst, lunch at noon?");
        b.awaitUnread("@" + alice, 1);
        b.open("@" + alice);
        b.awaitMessage("Psst, lunch at noon?");
        b.awaitUnread("@" + alice, 0);
        b.type("Sounds good");
        a.awaitTyping(bob + " is typing…");
        b.type(Keys.ENTER);
        a.awaitMessage("Sounds good");
        assertTrue(a.onlineUsers().containsAll(List.of(alice, bob)));
        assertEquals(0, a.unread("@" + bob), "the open conversation has no badge");

        a.open("general");
        a.send("See you all at the demo: https://example.com/demo");
        b.awaitUnread("general", 1);
        a.browser().screenshot(SCREENSHOTS.resolve("chat-desktop.png"));
        b.browser().screenshot(SCREENSHOTS.resolve("chat-desktop-direct.png"));

        // read markers are the server's: after a reload the counts are what was read, not what the tab remembered
        b.driver().navigate().refresh();
        b.awaitConnected().awaitUnread("general", 1);
        assertEquals(0, b.unread("@" + alice));
        assertEquals(0, b.unread(team));
        assertNoPageErrors(a, b);
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        Users.register(server, alice, Talk.PASSWORD);
        Users.register(server, bob, Talk.PASSWORD);
        ChatPage a = page(Browser.DESKTOP).logIn(alice, Talk.PASSWORD).awaitConnected();
        ChatPage b = page(Browser.DESKTOP).logIn(bob, Talk.PASSWORD).awaitConnected();
        a.writeTo(bob);

        String attack = "<img src=x onerror=alert(1)>";
        String sneaky = "<script>window.pwned=1</script><b onmouseover=\"window.pwned=2\">bold</b> "
                + "<img src=y onerror=\"window.pwned=3\"> javascript:window.pwned=4 https://example.com/a?b=1&c=2.";
        a.send(attack);
        a.send(sneaky);
        b.open("@" + alice);
        WebElement row = b.awaitMessage(attack);
        assertEquals(attack, row.findElement(By.cssSelector(".text")).getText(), "shown literally");
        b.awaitMessage(sneaky);
        a.awaitMessage(sneaky);

        for (ChatPage page : List.of(a, b)) {
            assertTrue(page.driver().findElements(By.cssSelector("#message-list img, #message-list script, #message-list b")).isEmpty(),
                    "no element was made from message text");
            List<String> hrefs = page.jsList("return [...document.querySelectorAll('#message-list a')].map(a => a.href)");
            assertEquals(List.of("https://example.com/a?b=1&c=2"), hrefs, "only the https URL became a link");
            assertNull(page.js("return window.pwned"), "nothing from a message ran");
            assertNoAlert(page);
        }
        assertNoPageErrors(a, b);
    }

    @Test
    void scrollingUpLoadsOlderHistory() {
        String room = Users.unique("history").toLowerCase();
        // four posters: the rate limit (20 frames per 10 s per user) would slow a single one down
        List<ChatClient> posters = IntStream.range(0, 4)
                .mapToObj(i -> keep(ChatClient.connect(server, Users.mint(Users.unique("poster")))))
                .toList();
        posters.forEach(poster -> Talk.join(poster, room));
        int total = 72;
        for (int i = 1; i <= total; i++) {
            Talk.say(posters.get(i % posters.size()), room, String.format("message %02d", i));
        }

        String reader = Users.unique("reader");
        Users.register(server, reader, Talk.PASSWORD);
        ChatPage page = page(Browser.DESKTOP).logIn(reader, Talk.PASSWORD).awaitConnected().joinRoom(room);
        page.awaitMessage("message 72");
        int firstPage = page.messageTexts().size();
        assertTrue(firstPage < total, "the newest page comes first, not everything: " + firstPage);
        assertFalse(page.messageTexts().contains("message 01"));

        page.scrollToTop();
        page.awaitMessage("message 01");
        List<String> expected = IntStream.rangeClosed(1, total).mapToObj(i -> String.format("message %02d", i)).toList();
        assertEquals(expected, page.messageTexts(), "every message once, oldest first");
        page.waitVisible(By.id("history-status"));
        assertTrue(page.driver().findElement(By.id("history-status")).getText().contains("beginning"));
        assertNoPageErrors(page);
    }

    @Test
    void loginFormSaysWhatWentWrong() {
        String taken = Users.unique("carol");
        Users.register(server, taken, Talk.PASSWORD);
        ChatPage page = page(Browser.DESKTOP);

        page.logIn(taken, "not-the-password");
        assertEquals("Wrong username or password.", page.authError());
        page.signUp(taken, Talk.PASSWORD);
        page.waitUntil(d -> page.authError().contains("taken"));
        page.signUp("no spaces allowed", Talk.PASSWORD);
        page.waitUntil(d -> page.authError().contains("1 to 32"));
        page.signUp(Users.unique("dave"), "short");
        page.waitUntil(d -> page.authError().contains("at least 8"));

        page.logIn(taken, Talk.PASSWORD).awaitConnected();
        page.driver().navigate().refresh();
        page.awaitConnected(); // the token is kept for the tab
        page.driver().findElement(By.id("logout")).click();
        page.awaitLoginForm();
        page.driver().navigate().refresh();
        page.awaitLoginForm(); // and forgotten on log out
        assertNull(page.js("return sessionStorage.getItem('chat.session')"));
    }

    @Test
    void enterSendsShiftEnterBreaksTheLineAndRefusalsShowNextToTheInput() {
        String erin = Users.unique("erin");
        Users.register(server, erin, Talk.PASSWORD);
        ChatPage page = page(Browser.DESKTOP).logIn(erin, Talk.PASSWORD).awaitConnected();
        page.joinRoom(Users.unique("notes").toLowerCase()); // a room of one's own keeps general quiet

        page.type("first line", Keys.chord(Keys.SHIFT, Keys.ENTER), "second line", Keys.ENTER);
        page.awaitMessage("first line\nsecond line");
        assertEquals("", page.composerText());

        String tooLong = "x".repeat(4001);
        page.js("const i = document.getElementById('message-input'); i.value = arguments[0]; i.dispatchEvent(new Event('input'));", tooLong);
        page.type(Keys.ENTER);
        assertTrue(page.composerError().contains("too long"), page.composerError());
        page.waitUntil(d -> tooLong.equals(page.composerText())); // given back, to be shortened
        assertTrue(page.pendingTexts().isEmpty(), "a refused message does not wait to be resent");
        assertNoPageErrors(page);
    }

    @Test
    void sendingTooFastShowsTheLimitAndStillDeliversEveryMessageOnce() {
        String hana = Users.unique("hana");
        String room = Users.unique("burst");
        String token = Users.register(server, hana, Talk.PASSWORD);
        ChatPage page = page(Browser.DESKTOP).logIn(hana, Talk.PASSWORD).awaitConnected().joinRoom(room);
        int count = 26; // over the default limit of 20 frames in 10 s
        List<String> sent = IntStream.rangeClosed(1, count).mapToObj(i -> "burst " + i).toList();
        // one burst of keystrokes, Enter after each message: faster than anyone types, as a paste-and-send would be
        List<CharSequence> keys = new ArrayList<>();
        sent.forEach(text -> {
            keys.add(text);
            keys.add(Keys.ENTER);
        });
        page.type(keys.toArray(CharSequence[]::new));
        assertTrue(page.composerError().contains("too fast"), page.composerError());

        new org.openqa.selenium.support.ui.WebDriverWait(page.driver(), java.time.Duration.ofSeconds(60))
                .until(d -> page.messageTexts().size() >= count && page.pendingTexts().isEmpty());
        assertEquals(sorted(sent), sorted(page.messageTexts()), "each message shown once");
        var history = Users.get(server, "/api/rooms/" + room + "/messages?limit=100", token);
        List<String> stored = Users.json(history.body()).getJsonArray("messages").stream()
                .map(m -> m.asJsonObject().getString("content")).toList();
        assertEquals(sorted(sent), sorted(stored), "each message stored once");
        assertNoPageErrors(page);
    }

    static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    @Test
    void usableOnAPhoneWidthScreen() {
        String fay = Users.unique("fay");
        String gus = Users.unique("gus");
        Users.register(server, gus, Talk.PASSWORD);
        ChatPage other = page(Browser.DESKTOP).logIn(gus, Talk.PASSWORD).awaitConnected();
        ChatPage phone = page(Browser.PHONE);
        assertEquals(390L, phone.js("return window.innerWidth"));
        phone.browser().screenshot(SCREENSHOTS.resolve("login-phone.png"));
        phone.signUp(fay, Talk.PASSWORD).awaitConnected();

        assertTrue((Boolean) phone.js("return document.getElementById('sidebar').getBoundingClientRect().right <= 0"),
                "the sidebar is out of the way until asked for");
        phone.writeTo(gus);
        phone.send("Hello from my phone!");
        other.open("@" + fay);
        other.awaitMessage("Hello from my phone!");
        other.send("Hi! Reading you fine. Meeting moved to 3pm, see https://example.com/agenda");
        other.send("And bring the slides.");
        phone.awaitMessage("And bring the slides.");
        assertEquals(0L, phone.js("return document.documentElement.scrollWidth - window.innerWidth"), "nothing wider than the screen");
        phone.browser().screenshot(SCREENSHOTS.resolve("chat-phone.png"));
        phone.driver().findElement(By.id("menu-toggle")).click();
        phone.waitUntil(d -> (Boolean) phone.js("return document.getElementById('sidebar').getBoundingClientRect().left >= 0"));
        phone.browser().screenshot(SCREENSHOTS.resolve("sidebar-phone.png"));
        assertEquals(List.of(), phone.unlabelledControls(), "every control has a label");
        assertNoPageErrors(phone, other);
    }

    static java.util.function.Predicate<jakarta.json.JsonObject> message(String room, String content) {
        return f -> "chat".equals(f.getString("type", "")) && room.equals(f.getString("room", ""))
                && content.equals(f.getString("content", ""));
    }

    static void assertNoAlert(ChatPage page) {
        try {
            String text = page.driver().switchTo().alert().getText();
            throw new AssertionError("an alert was shown: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    /**
     * Script errors in the page fail the test. The browser also logs every refused connection and every
     * 4xx answer as an error: those are the network's doing (and expected in some tests), not the page's.
     */
    static void assertNoPageErrors(ChatPage... pages) {
        for (ChatPage page : pages) {
            List<String> severe = page.browser().consoleLog().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(LogEntry::getMessage)
                    .filter(m -> !m.contains("net::ERR_") && !m.contains("WebSocket connection to")
                            && !m.contains("Failed to load resource"))
                    .toList();
            assertEquals(List.of(), severe, "errors in the page's console");
        }
    }
}
