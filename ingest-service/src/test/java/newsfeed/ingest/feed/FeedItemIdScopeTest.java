package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import org.junit.jupiter.api.Test;

/**
 * Which feeds qualify their items' local ids ({@link FeedSubscription#scopedAmong}) and how ({@link ItemIdentity}).
 * A trial subscribed two blogs on one host without a source: both got {@code 127-0-0-1}, both numbered their items
 * from 1, and the second blog's item 1 replaced the first's as its revision.
 */
class FeedItemIdScopeTest {

    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    private static FeedSubscription feed(String url, String source) {
        return new FeedSubscription(FeedSubscription.idOf(url), url, 600, source, NOW);
    }

    @Test
    void aFeedGivenASourceAnotherFeedHasQualifiesItsLocalIdsAndTheFirstKeepsThemBare() {
        FeedSubscription first = feed("https://127.0.0.1/blog1/rss", "127-0-0-1").scopedAmong(null, List.of());
        assertThat(first.itemIdScope()).isEqualTo(FeedSubscription.ITEM_IDS_PER_SOURCE);
        assertThat(first.itemIdQualifier()).isNull();
        FeedSubscription second = feed("https://127.0.0.1/blog2/rss", "127-0-0-1").scopedAmong(null, List.of(first));
        assertThat(second.itemIdScope()).isEqualTo(FeedSubscription.ITEM_IDS_PER_FEED);
        assertThat(second.itemIdQualifier()).isEqualTo(second.id());
        // the first, asked again with the second known, keeps its postIds: its source did not change
        assertThat(first.with(900, "127-0-0-1", null, null).scopedAmong(first, List.of(first, second)).itemIdScope())
                .isEqualTo(FeedSubscription.ITEM_IDS_PER_SOURCE);
        // a feed's own earlier record is not another feed
        assertThat(first.scopedAmong(null, List.of(first)).itemIdScope())
                .isEqualTo(FeedSubscription.ITEM_IDS_PER_SOURCE);
        // another source: nobody else has it, bare again; back to the shared one, qualified
        FeedSubscription moved = second.with(600, "blog-two", null, null).scopedAmong(second, List.of(first, second));
        assertThat(moved.itemIdScope()).isEqualTo(FeedSubscription.ITEM_IDS_PER_SOURCE);
        assertThat(moved.with(600, "127-0-0-1", null, null).scopedAmong(moved, List.of(first, moved)).itemIdScope())
                .isEqualTo(FeedSubscription.ITEM_IDS_PER_FEED);
    }

    /**
     * Two Telegram channels followed under one source both numbered their posts from 1 ({@code news:101}), so the
     * second channel's post 101 replaced the first's as its revision (stop 37 left channels bare). A channel's
     * message ids are scoped by the same rule as a feed's local guids.
     */
    @Test
    void aChannelGivenASourceAnotherSubscriptionHasQualifiesItsMessageIds() {
        FeedSubscription harbour = channel("https://t.me/s/harbour_desk", "news").scopedAmong(null, List.of());
        assertThat(harbour.itemIdScope()).isEqualTo(FeedSubscription.ITEM_IDS_PER_SOURCE);
        assertThat(harbour.itemIdQualifier()).isNull();
        FeedSubscription ferry = channel("https://t.me/s/ferry_desk", "news").scopedAmong(null, List.of(harbour));
        assertThat(ferry.itemIdScope()).isEqualTo(FeedSubscription.ITEM_IDS_PER_FEED);
        assertThat(ferry.itemIdQualifier()).isEqualTo(FeedSubscription.idOf("https://t.me/s/ferry_desk"));
        // a feed of bare guids and a channel of one source: whichever comes second is qualified
        FeedSubscription blog = feed("https://127.0.0.1/blog/rss", "news").scopedAmong(null, List.of(harbour));
        assertThat(blog.itemIdScope()).isEqualTo(FeedSubscription.ITEM_IDS_PER_FEED);
        FeedSubscription bareBlog = feed("https://127.0.0.1/blog/rss", "blog").scopedAmong(null, List.of());
        assertThat(channel("https://t.me/s/blog_desk", "blog").scopedAmong(null, List.of(bareBlog)).itemIdScope())
                .isEqualTo(FeedSubscription.ITEM_IDS_PER_FEED);
        // "source" is refused for a channel where another subscription names the source's posts by bare ids
        assertThat(channel("https://t.me/s/ferry_desk", "news").itemIdScopeRefusal(null, List.of(harbour), "source"))
                .startsWith("itemIdScope \"source\": subscription " + harbour.id() + " (https://t.me/s/harbour_desk)");
        // a channel followed before scopes existed keeps its bare ids while its source stays
        FeedSubscription old = new FeedSubscription(FeedSubscription.idOf("https://t.me/s/old_desk"),
                "https://t.me/s/old_desk", 600, "news", NOW, null, null, FeedSubscription.KIND_TELEGRAM, 20, null);
        assertThat(old.with(900, "news", null, null).scopedAmong(old, List.of(old, ferry)).itemIdQualifier())
                .isNull();
    }

    private static FeedSubscription channel(String url, String source) {
        return new FeedSubscription(FeedSubscription.idOf(url), url, 600, source, NOW, null, null,
                FeedSubscription.KIND_TELEGRAM, 20);
    }

    /**
     * A review: a feed deleted and subscribed again while another feed has its source came back qualified, its
     * stored posts' ids changed. A scope the request gives is taken as given, and a record older than scopes keeps
     * its bare ids through every change that keeps its source.
     */
    @Test
    void aScopeGivenIsTakenAsGivenAndAnOldRecordKeepsBareIds() {
        FeedSubscription bare = feed("https://127.0.0.1/blog2/rss", "127-0-0-1").scopedAmong(null, List.of());
        FeedSubscription other = feed("https://127.0.0.1/blog2/rss", "127-0-0-1")
                .scopedAmong(null, List.of(), FeedSubscription.ITEM_IDS_PER_FEED);
        FeedSubscription back = feed("https://127.0.0.1/blog1/rss", "127-0-0-1");
        assertThat(back.itemIdScopeRefusal(null, List.of(other), "source")).isNull();
        assertThat(back.scopedAmong(null, List.of(other), FeedSubscription.ITEM_IDS_PER_SOURCE).itemIdScope())
                .isEqualTo(FeedSubscription.ITEM_IDS_PER_SOURCE);
        // a second review: "source" given where another feed of the source has bare ids made one post of two again
        assertThat(back.itemIdScopeRefusal(null, List.of(bare), "source")).isEqualTo("itemIdScope \"source\": "
                + "subscription " + bare.id() + " (https://127.0.0.1/blog2/rss) already names posts of source "
                + "127-0-0-1 by bare ids, and two items with one guid would be one post; give \"feed\" or another "
                + "source");
        assertThat(back.itemIdScopeRefusal(null, List.of(bare), "feed")).isNull();
        // ... and a scope given that differs from the subscription's own, its source unchanged, changed its posts' ids
        FeedSubscription firstOfItsSource = back.scopedAmong(null, List.of());
        assertThat(firstOfItsSource.itemIdScopeRefusal(firstOfItsSource, List.of(firstOfItsSource), "feed"))
                .startsWith("itemIdScope of subscription " + back.id() + " is \"source\", and stays while its "
                        + "source does");
        assertThat(firstOfItsSource.itemIdScopeRefusal(firstOfItsSource, List.of(firstOfItsSource), "source"))
                .isNull();
        FeedSubscription moved = firstOfItsSource.with(600, "elsewhere", null, null);
        assertThat(moved.itemIdScopeRefusal(firstOfItsSource, List.of(firstOfItsSource), "feed")).isNull();
        assertThat(feed("https://127.0.0.1/blog3/rss", "lone").scopedAmong(null, List.of(), "feed").itemIdQualifier())
                .isEqualTo(FeedSubscription.idOf("https://127.0.0.1/blog3/rss"));
        FeedSubscription old = new FeedSubscription("0123456789abcdef", "https://127.0.0.1/old/rss", 600, "127-0-0-1",
                NOW, null, null, FeedSubscription.KIND_FEED, 0, null);
        FeedSubscription changed = old.with(900, "127-0-0-1", "Old blog", null).scopedAmong(old, List.of(old, other));
        assertThat(changed.itemIdScope()).isNull();
        assertThat(changed.itemIdQualifier()).isNull();
        assertThat(FeedSubscription.itemIdScopeProblem("itemIdScope", "per-feed")).isEqualTo("itemIdScope must be "
                + "\"source\" (a guid that is not a URI names its post within the source) or \"feed\" (within the "
                + "feed), got \"per-feed\"");
        assertThat(FeedSubscription.itemIdScopeProblem("itemIdScope", "feed")).isNull();
    }

    @Test
    void aRecordWrittenBeforeScopesReadsAsBareIds() {
        String before = "{\"id\":\"0123456789abcdef\",\"url\":\"https://blog.example/rss\",\"intervalSeconds\":600,"
                + "\"source\":\"blog-example\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"feed\","
                + "\"backfill\":0}";
        FeedSubscription read = new JsonSerde<>(FeedSubscription.class).deserialize("feeds.subscriptions",
                before.getBytes(StandardCharsets.UTF_8));
        assertThat(read.itemIdScope()).isNull();
        assertThat(read.itemIdQualifier()).isNull();
    }

    @Test
    void onlyLocalIdsAreQualified() {
        ItemIdentity.InDocument document = new ItemIdentity.InDocument("0123456789abcdef");
        assertThat(document.externalId("1", null, "One", "a")).isEqualTo("0123456789abcdef/1");
        assertThat(document.externalId("  post-42 ", null, "Two", "b")).isEqualTo("0123456789abcdef/post-42");
        assertThat(document.externalId("12:30", null, "Three", "c")).as("digits first: no URI scheme")
                .isEqualTo("0123456789abcdef/12:30");
        // scheme-like prefixes that name nothing beyond the feed (a review: these were taken for URIs)
        assertThat(document.externalId("ID:1", null, "Three b", "c")).isEqualTo("0123456789abcdef/ID:1");
        assertThat(document.externalId("item:42", null, "Three c", "c")).isEqualTo("0123456789abcdef/item:42");
        // URIs name an item in every feed: one article in two feeds of a publisher stays one post
        assertThat(document.externalId("HTTPS://Blog.example:443/a?utm_source=x", null, "Four", "d"))
                .isEqualTo("https://blog.example/a");
        assertThat(document.externalId("tag:blog.example,2026:1", null, "Five", "e"))
                .isEqualTo("tag:blog.example,2026:1");
        assertThat(document.externalId("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", null, "Six", "f"))
                .isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
        // no id: the link, or the content, as in every feed
        assertThat(document.externalId(" ", "https://blog.example/b", "Seven", "g"))
                .isEqualTo("https://blog.example/b");
        assertThat(document.externalId(null, null, "Eight", "h"))
                .isEqualTo(ItemIdentity.HASH_PREFIX + ItemIdentity.sha256("Eight\nh"));
        // items sharing a local id in one document are still told apart, after the qualifier
        assertThat(document.externalId("1", null, "Other", "z"))
                .isEqualTo("0123456789abcdef/1#sha256:" + ItemIdentity.sha256("Other\nz").substring(0, 16));
        // a qualified id beyond the limit is hashed, qualifier included
        String longest = "x".repeat(PostId.MAX_EXTERNAL_ID_LENGTH - 5);
        assertThat(document.externalId(longest, null, "Nine", "i"))
                .isEqualTo(ItemIdentity.HASH_PREFIX + ItemIdentity.sha256("0123456789abcdef/" + longest));
        assertThat(new ItemIdentity.InDocument().externalId("1", null, "One", "a")).isEqualTo("1");
    }

    @Test
    void twoFeedsOfOneSourceNumberingTheirItemsAlikeMakeTwoPosts() {
        FeedSubscription first = feed("https://127.0.0.1/blog1/rss", "127-0-0-1").scopedAmong(null, List.of());
        FeedSubscription second = feed("https://127.0.0.1/blog2/rss", "127-0-0-1").scopedAmong(null, List.of(first));
        FeedParser.FeedItem one = new FeedParser.FeedItem(0, "1", null, "Ferry timetable",
                "The winter timetable starts on Monday.", RawPost.TEXT_PLAIN, null, List.of(), null, null, null);
        FeedParser.FeedItem alsoOne = new FeedParser.FeedItem(0, "1", null, "Library hours",
                "The reading room opens at nine.", RawPost.TEXT_PLAIN, null, List.of(), null, null, null);
        RawPost fromFirst = FeedItemMapper.toRawPosts(first, SourceType.RSS, List.of(one),
                URI.create(first.url()), NOW).get(0);
        RawPost fromSecond = FeedItemMapper.toRawPosts(second, SourceType.RSS, List.of(alsoOne),
                URI.create(second.url()), NOW).get(0);
        assertThat(fromFirst.postId()).isEqualTo("127-0-0-1:1");
        assertThat(fromSecond.postId()).isEqualTo("127-0-0-1:" + second.id() + "/1");
    }
}
