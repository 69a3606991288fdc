package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewers' page in a real browser: Debian's Chromium driven by its ChromeDriver through Selenium, against a
 * server started here on loopback. Fails (never skips) when the browser or the driver is missing.
 */
class PageIT {
    static GatehouseServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static final Path SHOTS = Path.of(System.getProperty("gatehouse.screenshots", "target/screenshots"));

    /** An executable on PATH, or a failure that says how to install it. */
    static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not on PATH: the page tests need a real browser "
                + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    @BeforeAll
    static void start() throws Exception {
        String chromedriver = onPath("chromedriver");
        String chromium = onPath("chromium");
        server = Harness.start(Harness.options().fixtures(Harness.ROOT.resolve("fixtures")));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800", "--disable-dev-shm-usage");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // --window-size sizes the window; make the page itself (the viewport) 1280x800, as the docs' screenshots say.
        long inner = (Long) ((JavascriptExecutor) driver).executeScript("return window.innerHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) (800 + (800 - inner))));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    static String verdict() {
        return driver.findElement(By.id("verdict")).getText();
    }

    static void waitForVerdict(String expected) {
        wait.until(d -> expected.equals(verdict()));
    }

    static void open() {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        wait.until(d -> d.findElements(By.cssSelector("#fixture option[value='worked-example']"))
                        .size()
                == 1);
    }

    static void setText(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", e, text);
    }

    static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    static List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
    }

    @Test
    void theWorkedExampleWithAndWithoutItsExceptionAndAWhatIfThatFlipsIt() throws Exception {
        open();
        // Keyboard: the button is activated with Enter, as a keyboard user would.
        driver.findElement(By.id("open-fixture")).sendKeys(Keys.ENTER);
        waitForVerdict("ELIGIBLE ring 2");
        String packet = driver.findElement(By.id("packet-body")).getText();
        assertTrue(packet.contains("gpu-node-agent"), packet);
        assertTrue(packet.contains("waived by EXC-2026-031"), packet);
        assertTrue(packet.contains("EXC-2026-031: applied"), packet);
        shot("serve-packet.png");

        String exceptions = driver.findElement(By.id("exceptions")).getAttribute("value");
        setText("exceptions", "");
        driver.findElement(By.id("evaluate")).click();
        waitForVerdict("NOT ELIGIBLE ring 2");
        String blocked = driver.findElement(By.id("packet-body")).getText();
        assertTrue(blocked.contains("SEC-002 (soft) high finding CVE-2026-41022 has a fix available"), blocked);
        assertTrue(blocked.contains("RSK-001 (hard)"), blocked);

        setText("exceptions", exceptions);
        driver.findElement(By.id("evaluate")).click();
        waitForVerdict("ELIGIBLE ring 2");

        // What if the security approval were the author's own?
        driver.findElement(By.id("add-edit")).sendKeys(Keys.ENTER);
        driver.findElement(By.id("edit-pointer-0")).sendKeys("/approvals/1/by");
        WebElement value = driver.findElement(By.id("edit-value-0"));
        value.sendKeys("\"m.okafor\"");
        value.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> !d.findElements(By.cssSelector("#sidebyside tr[data-row='Decision']"))
                .isEmpty());
        WebElement decisionRow = driver.findElement(By.cssSelector("#sidebyside tr[data-row='Decision']"));
        assertEquals("changed", decisionRow.getAttribute("class"));
        assertEquals(
                "ELIGIBLE ring 2",
                decisionRow.findElement(By.cssSelector("td.base")).getText());
        assertEquals(
                "NOT ELIGIBLE ring 2",
                decisionRow.findElement(By.cssSelector("td.variant")).getText());
        String takes = driver.findElement(By.id("what-it-takes")).getText();
        assertTrue(
                takes.startsWith("APR-001 (hard, no exception can waive it) production needs a security approval by "
                        + "someone other than the author m.okafor"),
                takes);
        ((JavascriptExecutor) driver).executeScript("document.getElementById('run-whatif').scrollIntoView()");
        shot("serve-whatif.png");

        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void hostileTextInTheDocumentsRendersAsTextAndRunsNothing() throws Exception {
        open();
        driver.findElement(By.id("open-fixture")).click();
        waitForVerdict("ELIGIBLE ring 2");
        String img = "<img src=x onerror=\"window.__xss='img'\">";
        String script = "<script>window.__xss='script'</script>";
        String evidence = driver.findElement(By.id("evidence"))
                .getAttribute("value")
                .replace("\"gpu-node-agent\"", "\"" + img.replace("\"", "\\\"") + "\"")
                .replace("High CVE in vendored gRPC, fix scheduled for 2.8.1", script);
        setText("evidence", evidence);
        setText("exceptions", "");
        driver.findElement(By.id("evaluate")).click();
        waitForVerdict("NOT ELIGIBLE ring 2");
        String packet = driver.findElement(By.id("packet-body")).getText();
        assertTrue(packet.contains(img), packet);
        assertTrue(packet.contains(script), packet);
        assertTrue(driver.findElements(By.cssSelector("#packet img, #packet script"))
                .isEmpty());
        assertNull(
                ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined ? null : window.__xss"));

        // A hostile field name comes back in a 400's diagnostics: shown as text too.
        setText("evidence", evidence.replaceFirst("\\{", "{\"<img src=y onerror=\\\\\"window.__xss=1\\\\\">\": 1,"));
        driver.findElement(By.id("evaluate")).click();
        wait.until(d -> d.findElement(By.id("problems")).isDisplayed());
        String problems = driver.findElement(By.id("problems")).getText();
        assertTrue(problems.contains("evidence /<img src=y onerror=\"window.__xss=1\">"), problems);
        assertTrue(driver.findElements(By.cssSelector("#problems img")).isEmpty());
        assertNull(
                ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined ? null : window.__xss"));
        // The only console line is the browser's own note of the 400 the page asked for (which also shows that the
        // console is read: the other test's "no console errors" could see one).
        List<LogEntry> errors = consoleErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().contains("the server responded with a status of 400"), errors.toString());
    }
}
