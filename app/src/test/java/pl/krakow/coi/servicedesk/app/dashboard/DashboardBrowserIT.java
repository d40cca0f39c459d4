package pl.krakow.coi.servicedesk.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalAccounts;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.reporting.kpi.IndexWaiter;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiFixture;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.NeedsOutsidePrograms;
import pl.krakow.coi.servicedesk.ticket.TicketService;

/**
 * The dashboard in headless Chromium against the KPI fixture (reporting's {@link KpiFixture}, October
 * 2026): the Director logs in with a local account and sees the hand-computed figures on the tiles, the
 * trend against September, a drill-down into the search; a unit head sees the unit's figures; the
 * browser console stays free of errors. Screenshots go to {@code target/dashboard-*.png}.
 */
@IntegrationTest
@NeedsOutsidePrograms
class DashboardBrowserIT {

    static final String PASSWORD = "haslo-testowe";
    static WebDriver browser;
    static Path profile;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LocalAccounts accounts;

    @Autowired
    IndexWaiter index;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        profile = Files.createTempDirectory("dashboard-chromium-");
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theDirectorSeesTheFixturesKpisAndAUnitHeadTheUnits() throws Exception {
        KpiFixture.seed(tickets, jdbc);
        accounts.save(manager("dyrektor", "COI-DYR"), PASSWORD);
        accounts.save(manager("kierownik.it041", "IT-04-1"), PASSWORD);
        index.awaitCaughtUp();

        open("dyrektor");
        // KpiFixtureIT derives each figure from the fixture's timestamps.
        assertThat(tile("created")).isEqualTo("8");
        assertThat(tile("resolved")).isEqualTo("5");
        assertThat(tile("backlog")).isEqualTo("3");
        assertThat(tile("slaResponse")).isEqualTo("100.0%");
        assertThat(tile("slaResolution")).isEqualTo("80.0%");
        assertThat(tile("firstLine")).isEqualTo("50.0%");
        // 4 of 8: the security incident T7 enters at the first line and is escalated too.
        assertThat(tile("escalation")).isEqualTo("50.0%");
        assertThat(tile("reopened")).isEqualTo("20.0%");
        assertThat(tile("medianResolution")).isEqualTo("2 h 15 min");
        assertThat(tile("medianResponse")).isEqualTo("20 min");
        // September (the 30 days before): only T8 was registered, nothing resolved.
        assertThat(trend("created")).isEqualTo("▲ +7 (previous period: 1)");
        assertThat(trend("resolved")).startsWith("▲ +5");
        assertThat(browser.findElement(By.cssSelector("[data-kpi=resolved] .trend"))
                        .getAttribute("class"))
                .contains("better");
        screenshot("dashboard-director");

        // Drill-down: the October tickets of the printer category, from the search API.
        browser.findElement(By.cssSelector("[data-drill='category:WS-PRINTER-FAULT']"))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#drill-results tr")).size() == 5);
        assertThat(browser.findElement(By.id("drill-url")).getText())
                .startsWith("/api/v1/search/tickets?category=WS-PRINTER-FAULT");

        // Polish.
        browser.findElement(By.id("lang")).click();
        assertThat(browser.findElement(By.cssSelector("[data-kpi=created] .label"))
                        .getText())
                .isEqualTo("Zarejestrowane");
        assertThat(tile("slaResolution")).isEqualTo("80,0%");
        screenshot("dashboard-director-pl");
        browser.findElement(By.id("lang")).click();

        browser.findElement(By.id("logout")).click();
        open("kierownik.it041");
        // IT-04-1 handled T2 (resolved) and T5 (open) in October.
        assertThat(tile("created")).isEqualTo("2");
        assertThat(tile("resolved")).isEqualTo("1");
        assertThat(tile("backlog")).isEqualTo("1");
        assertThat(browser.findElement(By.id("who")).getText()).contains("IT-04-1");
        screenshot("dashboard-unit-head");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private void open(String username) {
        browser.get("http://localhost:" + port + "/dashboard/?from=2026-10-01&to=2026-11-01&granularity=month&lang=en");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-button")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    private static String tile(String kpi) {
        return browser.findElement(By.cssSelector("[data-kpi=" + kpi + "] .value"))
                .getText();
    }

    private static String trend(String kpi) {
        return browser.findElement(By.cssSelector("[data-kpi=" + kpi + "] .trend"))
                .getText();
    }

    private static void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static CurrentUser manager(String username, String unit) {
        return new CurrentUser(username, username, EnumSet.of(Role.MANAGER), Optional.of(unit));
    }
}
