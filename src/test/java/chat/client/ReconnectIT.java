package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.Browser;
import chat.testing.ChatClient;
import chat.testing.LocalRedis;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page loses its server and gets it back. Honest about the drop: the page talks to a Payara instance of
 * its own (sharing the suite's Redis) that the test really stops (SIGTERM) and starts again on the same
 * port, so the socket is closed by the server's side and reconnecting fails until it is back. Meanwhile
 * another user keeps talking through the suite's shared instance, and the page's user writes a message
 * that can only wait in the outbox.
 */
class ReconnectIT {

    @Test
    void afterTheServerWentAwayThePageReconnectsAndShowsWhatItMissedExactlyOnce() {
        PayaraInstance shared = TestCluster.shared();
        String alice = Users.unique("alice");
        String bob = Users.unique("bob");
        String room = Users.unique("recovery");
        Users.register(shared, alice, Talk.PASSWORD);
        String bobToken = Users.register(shared, bob, Talk.PASSWORD);

        try (PayaraInstance own = PayaraInstance.start("client-reconnect", TestCluster.env(LocalRedis.shared()));
                Browser browser = Browser.open(Browser.DESKTOP);
                ChatClient bobClient = ChatClient.connect(shared, bobToken)) {
            ChatPage page = ChatPage.open(browser, own).logIn(alice, Talk.PASSWORD).awaitConnected().joinRoom(room);
            Talk.join(bobClient, room);
            Talk.say(bobClient, room, "before the drop");
            page.awaitMessage("before the drop");

            // a second tab, still on the login form, to see what a login says while the server is gone
            String chatTab = browser.driver().getWindowHandle();
            browser.driver().switchTo().newWindow(WindowType.TAB);
            ChatPage loginTab = ChatPage.open(browser, own);
            String loginTabHandle = browser.driver().getWindowHandle();
            browser.driver().switchTo().window(chatTab);

            own.stop();
            new WebDriverWait(browser.driver(), ChatPage.WAIT)
                    .until(d -> List.of("reconnecting", "offline").contains(page.connection()));
            for (int i = 1; i <= 3; i++) {
                Talk.say(bobClient, room, "missed " + i);
            }
            page.send("written while offline");
            page.awaitPending("written while offline");
            page.awaitConnection("offline", ChatPage.WAIT); // the page found out that the server is unreachable
            browser.screenshot(ChatPageIT.SCREENSHOTS.resolve("offline-desktop.png"));

            browser.driver().switchTo().window(loginTabHandle);
            loginTab.logIn(alice, Talk.PASSWORD);
            assertEquals("Can't reach the server. Check your connection and try again.", loginTab.authError());
            browser.driver().switchTo().window(chatTab);

            own.restart();
            page.awaitConnection("connected", Duration.ofSeconds(60));
            page.awaitMessage("missed 3");
            page.awaitMessage("written while offline");
            assertEquals(List.of("before the drop", "missed 1", "missed 2", "missed 3", "written while offline"),
                    page.messageTexts(), "what was missed, once each, in order; and the outbox was sent once");
            assertTrue(page.pendingTexts().isEmpty(), "nothing left waiting");

            JsonObject delivered = bobClient.await(ChatPageIT.message(room, "written while offline"));
            assertEquals(alice, delivered.getString("user"));
            HttpResponse<String> history = Users.get(shared, "/api/rooms/" + room + "/messages?limit=50", bobToken);
            assertEquals(200, history.statusCode(), history.body());
            List<String> stored = Users.json(history.body()).getJsonArray("messages").stream()
                    .map(m -> m.asJsonObject().getString("content")).toList();
            assertEquals(List.of("before the drop", "missed 1", "missed 2", "missed 3", "written while offline"), stored,
                    "stored once on the server too");
            ChatPageIT.assertNoPageErrors(page);
        }
    }
}
