package newsfeed.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile that is deleted on close. Only the
 * installed binaries are used: both paths are given to Selenium, so Selenium Manager never looks for (or downloads)
 * a browser or a driver.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private DashboardBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** @throws AssertionError naming the missing binaries and how to install them */
    static void requireChromium() {
        DebianPackages.require("the dashboard test (Debian's Chromium and its WebDriver)", "chromium chromium-driver",
                CHROMIUM, CHROMEDRIVER);
    }

    static DashboardBrowser start(Path logDirectory) throws IOException {
        requireChromium();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Files.createDirectories(logDirectory).resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The background-networking flags matter here: without them Chromium's own connections (updates, sync,
        // field trials) are refused by the closed network and it stalls.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1600", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new DashboardBrowser(driver, profile);
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG of the viewport. */
    Path screenshot(Path file) throws IOException {
        return save(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Saves a PNG of one element. */
    Path screenshot(WebElement element, Path file) throws IOException {
        return save(file, element.getScreenshotAs(OutputType.BYTES));
    }

    private static Path save(Path file, byte[] png) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, png);
    }

    /** The browser console's warnings and errors since the last call. */
    List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the Chromium profile " + profile + ": " + e.getMessage());
        }
    }
}
