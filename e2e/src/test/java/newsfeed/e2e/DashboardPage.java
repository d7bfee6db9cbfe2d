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
        return driver.findElements(By.cssSelector("#bulletin-list article.post[data-post-id='" + postId + "']")).stream()
                .findFirst();
    }

    /** The postIds of the cards, top to bottom (story groups in order, the cards of each in order). */
    List<String> cardIds() {
        return driver.findElements(By.cssSelector("#bulletin-list article.post")).stream()
                .map(card -> card.getDomAttribute("data-post-id")).toList();
    }

    /**
     * The revision a post's card shows, null without a card. Read in one script: the page may replace the card
     * (a new revision) between two WebDriver calls.
     */
    Integer revision(String postId) {
        Object revision = driver.executeScript("""
                const card = document.querySelector(`#bulletin-list article.post[data-post-id='${arguments[0]}']`);
                return card ? Number(card.dataset.revision) : null;""", postId);
        return revision == null ? null : ((Number) revision).intValue();
    }

    /**
     * The story group holding a post's card: its storyId, the postIds of its cards top to bottom, and its line (empty
     * while hidden, for a story of one); null without a card. Read in one script: the page may move the card.
     */
    StoryGroup storyGroup(String postId) {
        @SuppressWarnings("unchecked")
        List<Object> group = (List<Object>) driver.executeScript("""
                const card = document.querySelector(`#bulletin-list article.post[data-post-id='${arguments[0]}']`);
                const story = card?.closest('section.story');
                if (!story) {
                  return null;
                }
                const meta = story.querySelector('.story-meta');
                return [story.dataset.storyId,
                  [...story.querySelectorAll('article.post')].map((post) => post.dataset.postId),
                  meta.hidden ? '' : meta.textContent];""", postId);
        if (group == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> posts = (List<String>) group.get(1);
        return new StoryGroup((String) group.get(0), posts, (String) group.get(2));
    }

    /** A story group of the bulletin list, see {@link #storyGroup}. */
    record StoryGroup(String storyId, List<String> postIds, String line) {
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
