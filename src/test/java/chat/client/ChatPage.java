package chat.client;

import chat.testing.Browser;
import chat.testing.PayaraInstance;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page as a person uses it: what they click and type, and what they see. */
final class ChatPage {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final Browser browser;
    private final WebDriver driver;

    private ChatPage(Browser browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    static ChatPage open(Browser browser, PayaraInstance server) {
        browser.driver().get(server.uri("/").toString());
        ChatPage page = new ChatPage(browser);
        page.waitUntil(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("auth-view")),
                ExpectedConditions.visibilityOfElementLocated(By.id("chat-view"))));
        return page;
    }

    Browser browser() {
        return browser;
    }

    // ---- login form ----

    ChatPage fillLogin(String user, String password) {
        WebElement name = waitVisible(By.id("auth-username"));
        name.clear();
        name.sendKeys(user);
        WebElement pass = driver.findElement(By.id("auth-password"));
        pass.clear();
        pass.sendKeys(password);
        return this;
    }

    ChatPage signUp(String user, String password) {
        fillLogin(user, password);
        driver.findElement(By.id("signup-button")).click();
        return this;
    }

    ChatPage logIn(String user, String password) {
        fillLogin(user, password);
        driver.findElement(By.id("login-button")).click();
        return this;
    }

    String authError() {
        return waitVisible(By.id("auth-error")).getText();
    }

    boolean showsLoginForm() {
        return driver.findElement(By.id("auth-view")).isDisplayed();
    }

    ChatPage awaitLoginForm() {
        waitVisible(By.id("auth-form"));
        return this;
    }

    // ---- connection ----

    ChatPage awaitConnected() {
        return awaitConnection("connected", WAIT);
    }

    ChatPage awaitConnection(String state, Duration limit) {
        new WebDriverWait(driver, limit).withMessage(() -> "connection state " + state + ", is " + connection())
                .until(d -> state.equals(connection()));
        return this;
    }

    String connection() {
        return (String) js("return document.body.dataset.connection");
    }

    // ---- conversations ----

    /** Opens a conversation from the sidebar (opening the drawer first on a phone). */
    ChatPage open(String key) {
        revealSidebar();
        waitVisible(conversationEntry(key));
        waitUntil(d -> {
            d.findElement(conversationEntry(key)).click();
            return true;
        });
        waitUntil(d -> "page".equals(d.findElement(conversationEntry(key)).getAttribute("aria-current")));
        return this;
    }

    ChatPage joinRoom(String room) {
        revealSidebar();
        WebElement input = waitVisible(By.id("join-room"));
        input.sendKeys(room, Keys.ENTER);
        waitUntil(ExpectedConditions.textToBe(By.id("conversation-title"), "# " + room));
        return this;
    }

    /** Clicks a person in the online list: opens the direct conversation with them. */
    ChatPage writeTo(String user) {
        revealSidebar();
        waitVisible(By.cssSelector("#online-list li[data-user='" + user + "'] button")).click();
        waitUntil(ExpectedConditions.textToBe(By.id("conversation-title"), user));
        return this;
    }

    int unread(String key) {
        List<WebElement> badges = driver.findElements(By.cssSelector(conversationCss(key) + " .badge"));
        return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getAttribute("textContent").trim());
    }

    ChatPage awaitUnread(String key, int count) {
        // the badge is re-rendered with its entry: one found a moment ago may be gone, so look again
        new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "unread of " + key + " to be " + count + ", is " + unreadNow(key))
                .until(d -> unread(key) == count);
        return this;
    }

    private String unreadNow(String key) {
        try {
            return String.valueOf(unread(key));
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "being re-rendered";
        }
    }

    List<String> onlineUsers() {
        return jsList("return [...document.querySelectorAll('#online-list li')].map(li => li.dataset.user)");
    }

    String title() {
        return driver.findElement(By.id("conversation-title")).getText();
    }

    private void revealSidebar() {
        WebElement toggle = driver.findElement(By.id("menu-toggle"));
        if (toggle.isDisplayed() && !"true".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
            waitUntil(d -> (Boolean) js("const r = document.getElementById('sidebar').getBoundingClientRect(); return r.left >= 0"));
        }
    }

    private static By conversationEntry(String key) {
        return By.cssSelector(conversationCss(key));
    }

    private static String conversationCss(String key) {
        return "button.conv[data-key='" + key + "']";
    }

    // ---- messages ----

    ChatPage type(CharSequence... keys) {
        waitVisible(By.id("message-input")).sendKeys(keys);
        return this;
    }

    /** Types a message and presses Enter, as a person would. */
    ChatPage send(String text) {
        return type(text, Keys.ENTER);
    }

    /** The row of a stored (acknowledged) message with exactly this text, waiting for it. */
    WebElement awaitMessage(String text) {
        return waitUntil(d -> {
            for (WebElement row : d.findElements(By.cssSelector("#message-list li.msg:not(.pending)"))) {
                if (text.equals(row.findElement(By.cssSelector(".text")).getAttribute("textContent"))) {
                    return row;
                }
            }
            return null;
        });
    }

    WebElement awaitPending(String text) {
        return waitUntil(d -> {
            for (WebElement row : d.findElements(By.cssSelector("#message-list li.msg.pending"))) {
                if (text.equals(row.findElement(By.cssSelector(".text")).getAttribute("textContent"))) {
                    return row;
                }
            }
            return null;
        });
    }

    /** The text of every stored message shown in the open conversation, top to bottom. */
    List<String> messageTexts() {
        return jsList("return [...document.querySelectorAll('#message-list li.msg:not(.pending) .text')].map(e => e.textContent)");
    }

    List<String> pendingTexts() {
        return jsList("return [...document.querySelectorAll('#message-list li.msg.pending .text')].map(e => e.textContent)");
    }

    String typingLine() {
        return driver.findElement(By.id("typing")).getText();
    }

    ChatPage awaitTyping(String text) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "typing line '" + text + "', is '" + typingLine() + "'")
                .until(d -> text.equals(typingLine()));
        return this;
    }

    String composerError() {
        return waitVisible(By.id("composer-error")).getText();
    }

    String composerText() {
        return driver.findElement(By.id("message-input")).getAttribute("value");
    }

    /** Scrolls the message pane to its top, as a reader looking for older messages does. */
    void scrollToTop() {
        js("const s = document.getElementById('message-scroller'); s.scrollTop = 0; s.dispatchEvent(new Event('scroll'));");
    }

    /** Visible buttons, inputs and text areas without an accessible name (label, aria-label or text). */
    List<String> unlabelledControls() {
        return jsList("""
                return [...document.querySelectorAll('button, input, textarea, select')]
                  .filter((e) => e.getClientRects().length > 0)
                  .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
                      || (e.id && document.querySelector(`label[for="${e.id}"]`)) || e.closest('label')
                      || (e.tagName === 'BUTTON' && e.textContent.trim())))
                  .map((e) => e.outerHTML.slice(0, 80));
                """);
    }

    // ---- plumbing ----

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    List<String> jsList(String script) {
        return (List<String>) js(script);
    }

    WebElement waitVisible(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition) {
        // the sidebar re-renders its entries: an element found a moment ago may be replaced, so look again
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    WebDriver driver() {
        return driver;
    }
}
