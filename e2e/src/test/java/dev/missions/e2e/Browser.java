package dev.missions.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests, driven through the Debian {@code chromedriver}: never a browser or a
 * driver Selenium would download. A missing browser fails the test with what to install; it is never a skip.
 * Each browser gets a fresh profile under {@code target/browsers/}, a 1280x900 window, and saves its screenshots
 * as PNG under {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    static final String PACKAGES = "the Debian packages chromium and chromium-driver (sudo apt-get install -y chromium "
            + "chromium-driver; ./mvnw installs them itself when it runs as root with apt)";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final AtomicInteger TIMEOUTS = new AtomicInteger();

    private final String name;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(String name, ChromeDriver driver, Path profile) {
        this.name = name;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts headless Chromium; {@code name} names its profile and log directory under {@code target/browsers/}. */
    public static Browser start(String name) {
        Path chromedriver = executable("chromedriver", Path.of("/usr/bin/chromedriver"));
        Path chromium = executable("chromium", Path.of("/usr/bin/chromium"));
        Path dir;
        Path profile;
        try {
            dir = Files.createDirectories(Path.of("target", "browsers")).toAbsolutePath();
            profile = Files.createTempDirectory(dir, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile under target/browsers", e);
        }
        // the driver is given, so Selenium Manager never runs (it would try to download one)
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw new IllegalStateException("headless Chromium did not start through " + chromedriver + " and " + chromium
                    + " (its log: " + profile + "-chromedriver.log); the browser tests need " + PACKAGES + ": " + e.getMessage(), e);
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(name, driver, profile);
    }

    /** {@code command} on the PATH, else {@code fallback}; fails naming the packages when neither is there. */
    static Path executable(String command, Path fallback) {
        Optional<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
        if (onPath.isPresent()) {
            return onPath.get();
        }
        if (Files.isExecutable(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("'" + command + "' is neither on the PATH nor at " + fallback
                + ": the browser tests need " + PACKAGES);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    /** The element now; fails at once when there is none (see {@link #await(String)} to wait for it). */
    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean exists(String css) {
        return !findAll(css).isEmpty();
    }

    /** How long a lookup waits for an element before failing; zero (the default) mixes best with {@link #until}. */
    public Browser implicitWait(Duration wait) {
        driver.manage().timeouts().implicitlyWait(wait);
        return this;
    }

    /** Waits up to {@link #DEFAULT_WAIT} for an element to be displayed. */
    public WebElement await(String css) {
        return await(css, DEFAULT_WAIT);
    }

    public WebElement await(String css, Duration timeout) {
        return until("'" + css + "' is displayed", timeout, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
        });
    }

    /** Waits up to {@link #DEFAULT_WAIT} for {@code condition} to be true or non-null. */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, DEFAULT_WAIT, condition);
    }

    /**
     * Waits for {@code condition} to be true or non-null, asking again when the page replaced an element meanwhile;
     * a timeout fails with {@code what}, the page's address and a screenshot of how the page looked.
     */
    public <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        try {
            return wait.until(condition::apply);
        } catch (TimeoutException e) {
            Path shot = screenshot("timeout-" + TIMEOUTS.incrementAndGet());
            throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + " (at " + url() + "; screenshot "
                    + shot + ")", e);
        }
    }

    /** Accepts the confirm dialog a submit button may ask, when one appears within a few seconds. */
    public Optional<String> acceptConfirmIfAny() {
        try {
            Alert alert = new WebDriverWait(driver, Duration.ofSeconds(3)).until(ExpectedConditions.alertIsPresent());
            String text = alert.getText();
            alert.accept();
            return Optional.of(text);
        } catch (TimeoutException none) {
            return Optional.empty();
        }
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code script}, which ends by calling its last argument with the result. */
    public Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Saves what the window shows as {@code target/screenshots/<name>.png} and returns where. */
    public Path screenshot(String name) {
        try {
            Path target = Files.createDirectories(SCREENSHOTS).resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    @Override
    public String toString() {
        return "Browser[" + name + ", profile " + profile + "]";
    }
}
