package pl.krakow.coi.servicedesk.app.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import pl.krakow.coi.servicedesk.testing.TestPrograms;

/**
 * Debian's headless Chromium and chromedriver for browser tests, installed when missing and the tests run as root
 * (CI); otherwise the test fails saying what to install ({@code bin/test-programs}).
 */
final class HeadlessChromium {

    private HeadlessChromium() {}

    /** A new headless browser with a fresh profile, its console log captured. */
    static ChromeDriver start(Path profile) {
        Path chromium = TestPrograms.require("chromium");
        Path chromedriver = TestPrograms.require("chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,2200",
                "--lang=en-GB",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, options);
    }
}
