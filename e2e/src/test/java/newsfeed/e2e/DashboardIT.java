package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard at store-service's {@code /} in a real headless Chromium (issue 5). Loaded while posts are being
 * ingested, it shows them without a reload, a revised post in place of its first version, posts.deduplicated moving
 * in the throughput, a paragraph removed as published before with a link that shows the post that first published
 * it, and markup in post text as text that never runs; while store-service is down it says so, and it catches up
 * once the service is back. Screenshots: {@code target/dashboard.png} (the page), {@code dashboard-removed.png} (a
 * post with its removed paragraph shown), {@code dashboard-post.png} (the post that link opens).
 */
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Between two posts sent: the whole set takes about 8 s to send. */
    private static final Duration PAUSE = Duration.ofMillis(500);

    @Test
    void showsPostsAsTheyArriveWithThroughputAndRemovedParagraphs() throws Exception {
        DashboardBrowser.requireChromium();
        Pipeline pipeline = Pipeline.shared();
        Path target = Paths.root().resolve("e2e/target");
        DashboardPosts posts = newPosts();

        try (DashboardBrowser browser = DashboardBrowser.start(target.resolve("e2e-logs"))) {
            DashboardPage page = new DashboardPage(browser.driver(), pipeline.storeUrl);
            try {
                page.open(WAIT);
                assertThat(page.cardIds()).as("none of this run's posts exists yet").noneMatch(
                        id -> id.startsWith(posts.source + ":"));
                awaitState(page, "open", Duration.ofSeconds(15));

                Ingestion seen = ingestWatchingThePage(pipeline, posts, page);

                // (a) every post appeared in the page loaded before they were sent
                assertThat(page.notReloaded()).as("the page was not reloaded").isTrue();
                assertThat(page.cardIds().get(0)).as("the newest arrival is on top").startsWith(posts.source + ":");
                // (b)
                assertThat(seen.highestRate()).as("posts.deduplicated records/s shown while the posts passed")
                        .isGreaterThan(0);
                assertThat(page.pipelineState()).isEqualTo("open");
                assertThat(page.text()).as("page text").doesNotContain("[object").doesNotContain("undefined")
                        .doesNotContain("NaN");

                markupIsShownAsText(page, posts);
                revisedPostJoinsTheStoryOfThePostItRepeats(page, posts, seen.firstRevisionGroup());
                removedParagraphLinksToTheFirstPost(browser, page, posts, target);

                assertThat(browser.consoleProblems()).as("browser console warnings and errors").isEmpty();
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(target.resolve("dashboard-failure.png"));
                throw e;
            }
        }
    }

    @Test
    void saysConnectionLostWhileTheStoreIsDownAndCatchesUpAfter() throws Exception {
        DashboardBrowser.requireChromium();
        Pipeline pipeline = Pipeline.shared();
        Path target = Paths.root().resolve("e2e/target");
        DashboardPosts posts = newPosts();
        DashboardPosts.Post whileDown = posts.post("while-down", Instant.now(),
                "Harbour lights of " + posts.source + " stay on through the night",
                "The " + posts.source + " harbour office sent this while the store was down.");

        try (DashboardBrowser browser = DashboardBrowser.start(target.resolve("e2e-logs"))) {
            DashboardPage page = new DashboardPage(browser.driver(), pipeline.storeUrl);
            try {
                page.open(WAIT);
                awaitState(page, "open", Duration.ofSeconds(15));

                pipeline.restart(Pipeline.STORE, () -> {
                    await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(100))
                            .until(() -> "retrying".equals(page.streamState())
                                    && "retrying".equals(page.pipelineState()));
                    assertThat(page.statusTexts()).allMatch(text -> text.startsWith("Connection lost, retrying"));
                    DashboardPosts.send(pipeline.ingestUrl, whileDown);
                });

                awaitState(page, "open", WAIT);
                await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(250))
                        .until(() -> page.card(whileDown.postId()).isPresent());
                assertThat(page.notReloaded()).as("the page was not reloaded").isTrue();
                // The console has the refused connections of the outage: they are the browser's, not the page's.
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(target.resolve("dashboard-failure.png"));
                throw e;
            }
        }
    }

    private static DashboardPosts newPosts() {
        return new DashboardPosts("dashboard-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Waits until both the post stream and the pipeline polling are in {@code state}. */
    private static void awaitState(DashboardPage page, String state, Duration timeout) {
        await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(page.streamState()) && state.equals(page.pipelineState()));
    }

    /**
     * What the page showed while the posts passed: the highest posts.deduplicated rate, and the story group of the
     * repeating post's first revision (null if that revision was never seen).
     */
    private record Ingestion(double highestRate, DashboardPage.StoryGroup firstRevisionGroup) {
    }

    /** Sends the posts in the background and watches the page until it shows them all. */
    private static Ingestion ingestWatchingThePage(Pipeline pipeline, DashboardPosts posts, DashboardPage page)
            throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                posts.send(pipeline.ingestUrl, pipeline.storeUrl, PAUSE);
            } catch (Exception e) {
                failure.set(e);
            }
        }, "dashboard-ingest");
        sender.start();
        double highest = 0;
        DashboardPage.StoryGroup firstRevisionGroup = null;
        String repeating = posts.repeating.postId();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> missing = ids(posts.all);
        while (!missing.isEmpty() && System.nanoTime() < deadline && failure.get() == null) {
            highest = Math.max(highest, page.rate("posts.deduplicated"));
            if (firstRevisionGroup == null && Integer.valueOf(1).equals(page.revision(repeating))) {
                firstRevisionGroup = page.storyGroup(repeating);
            }
            missing = ids(posts.all).stream().filter(id -> page.card(id).isEmpty()).toList();
            Thread.sleep(250);
        }
        sender.join(WAIT.toMillis());
        if (failure.get() != null) {
            throw failure.get();
        }
        assertThat(missing).as("posts not shown within " + WAIT + " without a reload").isEmpty();
        return new Ingestion(highest, firstRevisionGroup);
    }

    /** (d) */
    private static void markupIsShownAsText(DashboardPage page, DashboardPosts posts) {
        WebElement card = page.card(posts.markup.postId()).orElseThrow();
        assertThat(card.findElement(By.className("post-title")).getText()).contains(DashboardPosts.SCRIPT);
        assertThat(card.findElement(By.className("post-body")).getText())
                .contains(DashboardPosts.SCRIPT).contains(DashboardPosts.IMAGE);
        assertThat(card.findElements(By.cssSelector("script, img"))).as("elements made from post text").isEmpty();
        assertThat(page.xssMarker()).as("typeof window.__xss").isEqualTo("undefined");
    }

    /**
     * The repeating post, stored before the post it repeats was sent, is shown alone at first (a story of one); once
     * that post is stored, the repeating post is revised and both cards stand in one story group (the dashboard groups
     * cards by story, issue 12), named by the earlier post, newest published first, each card once.
     */
    private static void revisedPostJoinsTheStoryOfThePostItRepeats(DashboardPage page, DashboardPosts posts,
            DashboardPage.StoryGroup firstRevisionGroup) {
        String repeating = posts.repeating.postId();
        String first = posts.first.postId();
        assertThat(firstRevisionGroup).as("the page showed revision 1 of " + repeating).isNotNull();
        assertThat(firstRevisionGroup.postIds()).as("revision 1, before the post it repeats").containsExactly(repeating);
        assertThat(firstRevisionGroup.line()).as("a story of one has no story line").isEmpty();
        await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(250)).until(() ->
                page.revision(repeating) > 1 && page.storyGroup(repeating).postIds().size() > 1);
        DashboardPage.StoryGroup group = page.storyGroup(repeating);
        assertThat(group.storyId()).as("the story is named by its earliest post").isEqualTo(first);
        assertThat(group.postIds()).as("newest published first").containsExactly(repeating, first);
        assertThat(group.line()).isEqualTo("Story · 2 posts · 1 source: " + posts.source);
        assertThat(page.cardIds()).as("cards").containsOnlyOnce(repeating).containsOnlyOnce(first);
    }

    /** (c) */
    private static void removedParagraphLinksToTheFirstPost(DashboardBrowser browser, DashboardPage page,
            DashboardPosts posts, Path target) throws Exception {
        String repeating = posts.repeating.postId();
        String first = posts.first.postId();
        WebElement card = page.card(repeating).orElseThrow();
        assertThat(card.getDomAttribute("data-status")).isEqualTo("PARTIAL");
        assertThat(card.findElement(By.className("post-body")).getText()).doesNotContain(posts.sharedParagraph);
        assertThat(card.findElement(By.className("facts")).getText())
                .contains("Forwarded from\nHarbour Desk " + posts.source);

        card.findElement(By.cssSelector("details.removed > summary")).click();
        WebElement removed = card.findElement(By.cssSelector("details.removed li[data-reason='PUBLISHED_BEFORE']"));
        assertThat(removed.findElement(By.tagName("blockquote")).getText()).isEqualTo(posts.sharedParagraph);
        WebElement link = removed.findElement(By.cssSelector("a.duplicate-of"));
        assertThat(link.getDomAttribute("href")).isEqualTo("#post/" + URLEncoder.encode(first, StandardCharsets.UTF_8));
        assertThat(link.getText()).contains(first);
        page.scrollIntoView(card);
        browser.screenshot(card, target.resolve("dashboard-removed.png"));
        page.scrollToTop();
        browser.screenshot(target.resolve("dashboard.png"));

        link.click();
        WebElement dialog = page.dialog();
        await().atMost(Duration.ofSeconds(15)).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() ->
                "loaded".equals(dialog.getDomAttribute("data-state")));
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(dialog.getDomAttribute("data-post-id")).isEqualTo(first);
        WebElement shown = dialog.findElement(By.cssSelector("article[data-post-id='" + first + "']"));
        assertThat(shown.findElement(By.className("post-title")).getText()).isEqualTo(posts.first.title());
        assertThat(shown.findElement(By.className("post-body")).getText()).contains(posts.sharedParagraph);
        assertThat(shown.findElement(By.className("facts")).getText())
                .contains("Dateline\nPort Calder, 2025-03-03").contains("#Ferries").contains("#Harbour");
        browser.screenshot(target.resolve("dashboard-post.png"));

        dialog.findElement(By.cssSelector("button.close")).click();
        await().atMost(Duration.ofSeconds(5)).pollInSameThread().until(() -> !dialog.isDisplayed());
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("#post/");
    }

    private static List<String> ids(List<DashboardPosts.Post> posts) {
        return posts.stream().map(DashboardPosts.Post::postId).toList();
    }
}
