package newsfeed.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What DashboardIT reads and does on the dashboard page, by the page's element ids and data attributes. */
final class DashboardPage {

    private final ChromeDriver driver;
    private final String url;

    DashboardPage(ChromeDriver driver, String storeUrl) {
        this.driver = driver;
        this.url = storeUrl + "/";
    }

    /** Loads the page and waits until it shows the recent posts; then marks the document, see {@link #notReloaded}. */
    void open(Duration timeout) {
        driver.get(url);
        await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> "false".equals(
                driver.findElement(By.id("bulletin-list")).getDomAttribute("aria-busy")));
        driver.executeScript("window.__dashboardLoaded = true");
    }

    /** Whether the document is still the one {@link #open} loaded: a reload or navigation would drop the mark. */
    boolean notReloaded() {
        return Boolean.TRUE.equals(driver.executeScript("return window.__dashboardLoaded === true"));
    }

    Optional<WebElement> card(String postId) {
        return driver.findElements(By.cssSelector("#bulletin-list > article[data-post-id='" + postId + "']")).stream()
                .findFirst();
    }

    /** The postIds of the cards, top to bottom. */
    List<String> cardIds() {
        return driver.findElements(By.cssSelector("#bulletin-list > article")).stream()
                .map(card -> card.getDomAttribute("data-post-id")).toList();
    }

    /**
     * The revision a post's card shows, null without a card. Read in one script: the page may replace the card
     * (a new revision) between two WebDriver calls.
     */
    Integer revision(String postId) {
        Object revision = driver.executeScript("""
                const card = document.querySelector(`#bulletin-list > article[data-post-id='${arguments[0]}']`);
                return card ? Number(card.dataset.revision) : null;""", postId);
        return revision == null ? null : ((Number) revision).intValue();
    }

    /** The postIds of the cards below a post's card, top to bottom. */
    List<String> idsBelow(String postId) {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) driver.executeScript("""
                const ids = [];
                const card = document.querySelector(`#bulletin-list > article[data-post-id='${arguments[0]}']`);
                for (let next = card.nextElementSibling; next; next = next.nextElementSibling) {
                  ids.push(next.dataset.postId);
                }
                return ids;""", postId);
        return ids;
    }

    /** The records/s shown for a topic (10 s average); 0 before the first pipeline report. */
    double rate(String topic) {
        // One script: the page rebuilds the table rows on every report.
        Object rate = driver.executeScript("""
                const row = document.querySelector(`#topic-rates tr[data-topic='${arguments[0]}']`);
                return row ? row.dataset.rate : '0';""", topic);
        return Double.parseDouble((String) rate);
    }

    String streamState() {
        return driver.findElement(By.id("stream-status")).getDomAttribute("data-state");
    }

    String pipelineState() {
        return driver.findElement(By.id("pipeline-status")).getDomAttribute("data-state");
    }

    /** The texts of the stream's and the pipeline's status lines. */
    List<String> statusTexts() {
        return List.of(driver.findElement(By.id("stream-status")).getText(),
                driver.findElement(By.id("pipeline-status")).getText());
    }

    WebElement dialog() {
        return driver.findElement(By.id("post-dialog"));
    }

    /** The value of {@code typeof window.__xss}: "undefined" unless script from post text ran. */
    String xssMarker() {
        return (String) driver.executeScript("return typeof window.__xss");
    }

    /** What the page shows as text, dialog included. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void scrollIntoView(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    void scrollToTop() {
        driver.executeScript("window.scrollTo(0, 0)");
    }
}
