package newsfeed.ingest.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the RSS/Atom poller ({@code newsfeed.feeds.*}; each also as an environment variable, e.g.
 * {@code NEWSFEED_FEEDS_MIN_INTERVAL}). Durations take the MicroProfile/SmallRye forms {@code 10s}, {@code 5m},
 * {@code 1d} or ISO-8601 ({@code PT10S}). A share outside its range stops the service at start, naming the setting
 * (Hibernate Validator on the mapping).
 */
@ConfigMapping(prefix = "newsfeed.feeds")
public interface FeedSettings {

    /** Default of {@link #tick()}; also the fallback of the {@code @Scheduled} expression in {@link FeedPoller}. */
    String DEFAULT_TICK = "1s";

    /**
     * How often the poller looks for feeds that are due (a short tick; each feed is polled on its own interval).
     * Read by the scheduler when the service starts.
     */
    @WithDefault(DEFAULT_TICK)
    Duration tick();

    /** Shortest {@code intervalSeconds} a subscription may have. */
    @WithDefault("10s")
    Duration minInterval();

    /** Longest {@code intervalSeconds} a subscription may have. */
    @WithDefault("1d")
    Duration maxInterval();

    /**
     * Cap of the back-off after failed polls: the delay after {@code n} consecutive failures is
     * {@code min(interval × 2^n, max(interval, maxBackoff))} (see {@link PollSchedule}).
     */
    @WithDefault("6h")
    Duration maxBackoff();

    /** Timeout of establishing the TCP/TLS connection to a feed's server. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Timeout of a whole request: from sending it to the last byte of the body. */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Largest feed document accepted, in bytes after gzip decompression; larger ones fail the poll ({@code too-large}).
     * Reading a document (decoding, healing, parsing, mapping) takes about seven times its size in heap, one document
     * at a time: 4 MiB fits ingest-service's default 96 MB heap beside the fetches in flight, where 10 MiB, the
     * earlier default, did not (a trial: two polls of 9.9 MB documents stopped the service with OutOfMemoryError).
     * Raise it together with the heap ({@code INGEST_HEAP} in run.sh).
     */
    @WithDefault("4194304")
    long maxFeedBytes();

    /** How many feeds are fetched at the same time at most. */
    @WithDefault("4")
    int maxConcurrentPolls();

    /**
     * How many feeds of one host (the host of the subscription's URL, {@code t.me} for every channel) are fetched at
     * the same time at most, so that a host serving many subscribed feeds is not hit by all of them at once. A feed
     * whose host is at the cap waits for a slot; a slot given back goes to the host's feed that is due longest.
     */
    @WithDefault("2")
    int maxConcurrentPerHost();

    /**
     * The largest share of its interval a feed's jitter adds to every delay (0 to 1; 0 for none): a fixed share per
     * feed, chosen by its id ({@link PollSchedule#jitter}), so that feeds subscribed together do not poll together.
     */
    @WithDefault("0.1")
    @DecimalMin("0")
    @DecimalMax("1")
    double jitter();

    /**
     * How many item identities (with their content hashes) each feed remembers, the least recently seen forgotten
     * first. A forgotten item that comes back is published again, which downstream stages treat idempotently.
     */
    @WithDefault("5000")
    int rememberedItemsPerFeed();

    /**
     * True to fetch feeds from any address, false (the default) to refuse every address that is not public: loopback,
     * private networks, link-local (cloud metadata), carrier-grade NAT, unique local, multicast and the other
     * special-purpose ranges ({@link newsfeed.ingest.net.AddressPolicy}), at subscription and at every poll and
     * redirect. Environment {@code NEWSFEED_FEEDS_ALLOW_PRIVATE}. Only for development and tests that serve feeds on
     * loopback: with it, anyone who may subscribe can make the service fetch from its own host and network.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /**
     * Networks allowed although not public, in CIDR notation ({@code 10.1.2.3/32,fd00:1::/64}), while
     * {@link #allowPrivate()} is false: a feed server inside the network without opening the whole of it.
     * Environment {@code NEWSFEED_FEEDS_ALLOWED_NETWORKS}; none by default.
     */
    Optional<List<String>> allowedNetworks();

    /**
     * Where Telegram channels are read: a channel {@code name} is polled at this URL followed by the name, the
     * channel's public web preview. Tests point it at a local server.
     */
    @WithDefault("https://t.me/s/")
    String telegramPreviewBase();

    /**
     * Most existing posts a channel subscription may ask its first poll to publish ({@code backfill}); each preview
     * page holds about 20, so this bounds the pages one poll fetches from Telegram.
     */
    @WithDefault("200")
    int maxBackfill();

    /** Most redirects followed in one poll; each hop is checked like the feed's own URL. */
    @WithDefault("5")
    int maxRedirects();

    /** Most subscriptions; {@code POST /api/feeds} of a new URL beyond it answers 409. */
    @WithDefault("1000")
    int maxSubscriptions();

    /**
     * Most items taken from one feed document, in document order; the rest are ignored and counted in the feed's
     * {@code lastItemsIgnored}.
     */
    @WithDefault("1000")
    int maxItemsPerDocument();

    /**
     * Poll interval of a feed imported from OPML without a {@code newsfeed:intervalSeconds} attribute
     * ({@link OpmlSubscriptions}); within {@link #minInterval()}..{@link #maxInterval()}.
     */
    @WithDefault("1h")
    Duration importInterval();

    /**
     * Largest OPML document {@code POST /api/feeds/opml} takes, in bytes; larger ones are answered 413. A list of
     * a thousand feeds is about 200 KB.
     */
    @WithDefault("1048576")
    long maxOpmlBytes();

    /** The {@code User-Agent} header of feed requests. */
    @WithDefault("newsfeed-ingest/0.1 (RSS/Atom poller)")
    String userAgent();

    /** How long {@code POST}/{@code DELETE /api/feeds} wait for Kafka to take and replay a subscription change. */
    @WithDefault("30s")
    Duration writeTimeout();

    /** How long start-up waits to read the subscriptions topic to its end. */
    @WithDefault("60s")
    Duration startupTimeout();

    /** WebSub push subscriptions ({@code newsfeed.feeds.websub.*}), W3C WebSub Recommendation. */
    WebSub websub();

    /**
     * WebSub settings. Off unless {@link #callbackBase()} is set: a hub must be able to reach this instance, which
     * only the operator knows how.
     */
    interface WebSub {

        /**
         * The URL at which hubs reach this instance's API port, without a path ({@code https://ingest.example.org});
         * callbacks are this plus {@code /api/websub/<random id>}. Empty (the default): no WebSub subscription is made
         * and every feed is polled. Environment {@code NEWSFEED_FEEDS_WEBSUB_CALLBACK_BASE}; each instance needs its
         * own, as each subscribes the feeds it polls.
         */
        Optional<String> callbackBase();

        /** The lease asked for ({@code hub.lease_seconds}, §5.1); the hub decides the lease it grants (§5.3). */
        @WithDefault("10d")
        Duration lease();

        /** The share of the granted lease after which the subscription is renewed, between 0 and 1 (§5.1). */
        @WithDefault("0.85")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        double renewAt();

        /** How long a subscription request may wait for the hub's verification (§5.3) before it counts as failed. */
        @WithDefault("60s")
        Duration verifyTimeout();

        /** The delay before the first new attempt after a failure; doubled per failure up to the max-backoff. */
        @WithDefault("1m")
        Duration retry();

        /**
         * The shortest delay between polls of a feed whose WebSub subscription is active: the hub pushes what is new,
         * and polling is a safety net.
         */
        @WithDefault("1d")
        Duration pollInterval();
    }
}
