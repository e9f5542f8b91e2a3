package chat.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven through chromedriver: Debian's packages, never a browser download. When they
 * are missing and the tests run as root, they are installed with apt-get (the CI machine starts without
 * them). Each browser has a fresh profile under target/, so no state leaks between tests.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser window whose page area is exactly {@code size} CSS pixels. */
    public static Browser open(Dimension size) {
        ensureInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory(TestPaths.target(), "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profile,
                "--window-size=" + size.getWidth() + "," + size.getHeight(),
                // a tab in the background must keep its timers (reconnect backoff) as a visible one does
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(TestPaths.target().resolve(profile.getFileName() + "-chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        Browser browser = new Browser(driver, profile);
        browser.resizeViewport(size);
        return browser;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Makes the page area (window.innerWidth × innerHeight) exactly this size, whatever the window frame takes. */
    public void resizeViewport(Dimension size) {
        for (int i = 0; i < 3; i++) {
            Map<?, ?> inner = (Map<?, ?>) driver.executeScript(
                    "return {w: window.innerWidth, h: window.innerHeight}");
            int dw = size.getWidth() - ((Number) inner.get("w")).intValue();
            int dh = size.getHeight() - ((Number) inner.get("h")).intValue();
            if (dw == 0 && dh == 0) {
                return;
            }
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.getWidth() + dw, window.getHeight() + dh));
        }
    }

    /** Saves a PNG of the page as it is now. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to the console (errors included) since the last call. */
    public List<LogEntry> consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        if (!isRoot()) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        run("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("apt-get did not install chromium and chromium-driver; see "
                    + TestPaths.target().resolve("apt-chromium.log"));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String command) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(TestPaths.target().resolve("apt-chromium.log").toFile()))
                    .start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("installing chromium took over 15 minutes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a profile left in target/ is cleaned by the next mvn clean
        }
    }
}
