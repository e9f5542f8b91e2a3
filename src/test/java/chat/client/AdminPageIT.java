package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.Browser;
import chat.testing.PayaraInstance;
import chat.testing.TestCluster;
import chat.testing.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin view and what its actions look like to the people they concern; and a session the server no
 * longer accepts ends in a notice or the login form, never in a reconnect loop.
 */
class AdminPageIT {

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

    ChatPage page() {
        Browser browser = Browser.open(Browser.DESKTOP);
        opened.add(browser);
        return ChatPage.open(browser, server);
    }

    @Test
    void anAdminAnnouncesKicksBansAndUnbans() {
        String alice = Users.unique("alice");
        Users.register(server, alice, Talk.PASSWORD);
        ChatPage user = page().logIn(alice, Talk.PASSWORD).awaitConnected();
        assertFalse(user.driver().findElement(By.id("admin-toggle")).isDisplayed(), "no admin menu for a user");

        ChatPage admin = page().logIn(TestCluster.ADMIN, TestCluster.ADMIN_PASSWORD).awaitConnected();
        admin.waitVisible(By.id("admin-toggle")).click();
        admin.waitVisible(By.id("admin-panel"));
        admin.waitVisible(By.cssSelector("#admin-sessions tr[data-user='" + alice + "']"));

        admin.waitVisible(By.id("announce-content")).sendKeys("Maintenance tonight at 22:00 — <b>save your work</b>");
        admin.driver().findElement(By.cssSelector("#announce-form button[type=submit]")).click();
        WebElement banner = user.waitVisible(By.cssSelector("#announcements .announcement"));
        assertTrue(banner.getText().contains("Maintenance tonight at 22:00 — <b>save your work</b>"), banner.getText());
        admin.waitVisible(By.cssSelector("#announcements .announcement"));
        admin.browser().screenshot(ChatPageIT.SCREENSHOTS.resolve("admin-desktop.png"));

        // kick: a clear notice, and the page does not come back by itself
        moderate(admin, alice, "kick");
        user.waitVisible(By.id("session-notice"));
        assertEquals("You were disconnected", user.driver().findElement(By.id("session-notice-title")).getText());
        assertEquals("ended", user.connection());
        assertStaysEnded(user);
        assertFalse(openSessionUsers().contains(alice), "no reconnect after a kick");

        // log in again, then a ban closes the session and the next login says why
        user.driver().findElement(By.id("session-notice-login")).click();
        user.logIn(alice, Talk.PASSWORD).awaitConnected();
        moderate(admin, alice, "ban");
        user.waitVisible(By.id("session-notice"));
        user.driver().findElement(By.id("session-notice-login")).click();
        user.logIn(alice, Talk.PASSWORD);
        assertEquals("This account is banned. Contact an administrator.", user.authError());

        moderate(admin, alice, "unban");
        user.logIn(alice, Talk.PASSWORD).awaitConnected();
        ChatPageIT.assertNoPageErrors(user, admin);
    }

    @Test
    void aTokenTheServerNoLongerAcceptsLeadsBackToTheLoginForm() {
        String gina = Users.unique("gina");
        Users.register(server, gina, Talk.PASSWORD);
        ChatPage page = page();
        // signed with another secret: only the server can tell it is invalid (handshake 401)
        String forged = Users.mint(gina, "another-secret-that-is-long-enough-for-hs256-000000", Instant.now().plusSeconds(3600), List.of());
        page.js("sessionStorage.setItem('chat.session', JSON.stringify({token: arguments[0], username: arguments[1]}))", forged, gina);
        page.driver().navigate().refresh();
        page.awaitLoginForm();
        assertEquals("Your session has expired. Please log in again.", page.authError());
        assertEquals(null, page.js("return sessionStorage.getItem('chat.session')"));

        // expired: the page knows from the token itself
        String expired = Users.mint(gina, TestCluster.SECRET, Instant.now().minusSeconds(5), List.of());
        page.js("sessionStorage.setItem('chat.session', JSON.stringify({token: arguments[0], username: arguments[1]}))", expired, gina);
        page.driver().navigate().refresh();
        page.awaitLoginForm();
        assertFalse(page.driver().findElement(By.id("chat-view")).isDisplayed());
        page.logIn(gina, Talk.PASSWORD).awaitConnected();
    }

    /** Uses the admin panel's user form; a ban asks for confirmation first. */
    static void moderate(ChatPage admin, String user, String action) {
        WebElement name = admin.waitVisible(By.id("moderate-user"));
        name.clear();
        name.sendKeys(user);
        admin.driver().findElement(By.cssSelector("#moderate-form button[value='" + action + "']")).click();
        if (action.equals("ban")) {
            admin.waitUntil(ExpectedConditions.alertIsPresent()).accept();
        }
        admin.waitUntil(d -> !d.findElement(By.id("admin-result")).getText().isEmpty()
                && !d.findElement(By.id("admin-result")).getAttribute("class").contains("error")
                && d.findElement(By.id("admin-result")).getText().contains(user));
        admin.js("document.getElementById('admin-result').textContent = ''");
    }

    /** Longer than the client's first reconnect delays: a page that meant to reconnect would have. */
    static void assertStaysEnded(ChatPage page) {
        assertThrows(TimeoutException.class, () -> new WebDriverWait(page.driver(), Duration.ofSeconds(4))
                .until(d -> !"ended".equals(page.connection())));
    }

    /** The users with open connections, as GET /api/admin/sessions tells an admin. */
    static List<String> openSessionUsers() {
        String token = Users.login(server, TestCluster.ADMIN, TestCluster.ADMIN_PASSWORD).getString("token");
        java.net.http.HttpResponse<String> answer = Users.get(server, "/api/admin/sessions", token);
        assertEquals(200, answer.statusCode(), answer.body());
        return Users.json(answer.body()).getJsonArray("sessions").stream()
                .map(s -> s.asJsonObject().getString("user")).toList();
    }
}
