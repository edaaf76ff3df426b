package dev.missions.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the dashboard's figures, as the e2e module's browser tests start it: the Debian
 * {@code chromium} and {@code chromedriver}, never a browser or driver Selenium would download, a fresh profile and a
 * 1280x900 window. Where either is missing, {@link #missing()} says so and the figures that need it are not measured.
 */
final class Chromium implements AutoCloseable {

    static final String PACKAGES = "the Debian packages chromium and chromium-driver";

    /** Selenium's own warnings (no DevTools protocol for this Chromium's version: not used here) would read as the run's. */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why no browser can be started here, or empty when both executables are there. */
    static Optional<String> missing() {
        for (String command : new String[] {"chromedriver", "chromium"}) {
            if (executable(command).isEmpty()) {
                return Optional.of("'" + command + "' is neither on the PATH nor in /usr/bin: the browser figures need "
                        + PACKAGES);
            }
        }
        return Optional.empty();
    }

    static Chromium start(Path profileParent) throws IOException {
        Path chromedriver = executable("chromedriver").orElseThrow(() -> new IllegalStateException(missing().orElseThrow()));
        Path chromium = executable("chromium").orElseThrow(() -> new IllegalStateException(missing().orElseThrow()));
        SELENIUM.setLevel(java.util.logging.Level.SEVERE);
        // normalized: chromedriver never finds the DevTools port file of a profile whose path holds '..'
        Path profile = Files.createTempDirectory(Files.createDirectories(profileParent.toAbsolutePath().normalize()),
                "chromium-");
        // the driver is given, so Selenium Manager never runs (it would try to download one)
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile())
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
                    + " (its log: " + profile + "-chromedriver.log): " + e.getMessage(), e);
        }
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Chromium(driver);
    }

    private static Optional<Path> executable(String command) {
        Optional<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
        return onPath.or(() -> Optional.of(Path.of("/usr/bin", command)).filter(Files::isExecutable));
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String version() {
        return String.valueOf(driver.getCapabilities().getBrowserVersion());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
