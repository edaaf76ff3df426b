package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.stack.Home;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The browser harness' own check: headless Chromium starts through the Debian chromedriver, reads a page the real
 * stack serves and saves a screenshot. It fails, never skips, when Chromium cannot start, so a machine without the
 * browser cannot pass the browser tests by not running them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    Stack stack;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        // the browser first: it is what this test checks, and it fails fast without the stack's minute of start-up
        browser = Browser.start("browser-it");
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "browser-stack-");
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line)));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void chromiumReadsTheCoordinatorsHealthAndSavesAScreenshot() throws Exception {
        browser.open(stack.url(Service.COORDINATOR) + "/q/health");

        String text = browser.until("the health document is shown",
                d -> d.findElement(org.openqa.selenium.By.tagName("body")).getText().contains("\"status\"")
                        ? d.findElement(org.openqa.selenium.By.tagName("body")).getText() : null);
        assertTrue(text.contains("\"UP\""), text);
        assertEquals(1280L, browser.script("return window.outerWidth"), "the window is 1280 wide");

        Path shot = browser.screenshot("browser-it-health");
        byte[] png = Files.readAllBytes(shot);
        assertTrue(shot.startsWith(Path.of("target", "screenshots").toAbsolutePath()), shot.toString());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG");
        // IHDR: width and height, big-endian, at bytes 16 and 20
        assertEquals(1280, ByteBuffer.wrap(png, 16, 4).getInt(), "the screenshot is as wide as the window");
        assertTrue(ByteBuffer.wrap(png, 20, 4).getInt() > 0, "and has a height");
    }
}
