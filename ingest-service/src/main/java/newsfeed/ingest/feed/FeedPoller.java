package newsfeed.ingest.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import newsfeed.contracts.Topics;
import newsfeed.ingest.kafka.RawPostPublisher;
import newsfeed.ingest.net.AddressPolicy;
import org.jboss.logging.Logger;

/**
 * Polls the subscribed feeds continuously. A short scheduler tick ({@code newsfeed.feeds.tick}, default 1 s) brings
 * the per-feed state in line with {@link FeedSubscriptions} (new subscriptions are due at once; a subscription whose
 * URL or source changed starts afresh; deleted ones are dropped) and hands the feeds that are due, and not being
 * polled already, to a pool of {@code newsfeed.feeds.max-concurrent-polls} threads, the longest due first, as far as
 * their hosts' slots allow ({@link HostSlots}); a poll that ends gives its slot to the next due feed of its host at
 * once. Each poll is a {@link FeedPoll}: its failures are recorded in the feed's status and never reach the tick, so
 * one bad feed cannot stop the others.
 *
 * <p>What each feed has published is kept across restarts by {@link FeedMemory}: the first state of a subscription
 * starts from it, and an unsubscribed feed's memory is forgotten.
 *
 * <p>Each feed is polled by one live instance: the one whose {@link FeedOwnership} owns the partition of the feed's
 * subscription id. A feed this instance does not own has no state here; one it takes over starts with the memory
 * the previous owner wrote.
 *
 * <p>A feed whose document names a WebSub hub is also subscribed there, when a callback base is configured
 * ({@link WebSubSubscriber}): by the instance that polls it, with its own callback; its polls are then spaced out.
 *
 * <p>Metrics: {@code newsfeed_feeds_polls_total{feed,outcome}} (subscription id; HTTP status or failure kind),
 * {@code newsfeed_feeds_items_published_total}, {@code newsfeed_feeds_subscribed} and
 * {@code newsfeed_feeds_poll_overdue_seconds}; a due feed's status says what it waits for ({@link FeedStatus#waitingFor()}).
 */
@ApplicationScoped
public class FeedPoller {

    /** Polls by feed (subscription id) and outcome (HTTP status or error kind). */
    public static final String POLLS_METRIC = "newsfeed.feeds.polls";
    /** Feeds this instance polls (a gauge); summed over the instances, the feeds subscribed. */
    public static final String SUBSCRIBED_METRIC = "newsfeed.feeds.subscribed";
    /**
     * Polls of a feed that failed since its last success, by feed (a gauge of the instance polling it): what the alert
     * of a failing feed reads, which the poll counters cannot tell once back-off spaces the polls hours apart.
     */
    public static final String FAILURES_METRIC = "newsfeed.feeds.consecutive.failures";

    /**
     * How long the feed polled here that is due longest has been due without fetching, in seconds (a gauge,
     * {@code newsfeed_feeds_poll_overdue_seconds}; 0 when every due feed fetches): it grows when the polling threads
     * or a host's slots cannot keep up with the feeds' intervals, or slow servers hold them.
     */
    public static final String OVERDUE_METRIC = "newsfeed.feeds.poll.overdue";

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    @Inject
    FeedSubscriptions subscriptions;

    @Inject
    FeedSettings settings;

    @Inject
    RawPostPublisher publisher;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    AddressPolicy addressPolicy;

    @Inject
    FeedMemory memory;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final Map<String, FeedState> states = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private FeedFetcher fetcher;
    private FeedPoll poll;
    private WebSubSubscriber webSub;
    private HostSlots hosts;
    private volatile FeedOwnership ownership;

    @PostConstruct
    void open() {
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.maxConcurrentPolls(), r -> {
            Thread thread = new Thread(r, "feed-poller-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        fetcher = new FeedFetcher(addressPolicy, settings.connectTimeout(), settings.requestTimeout(),
                settings.maxRedirects(), settings.maxConcurrentPolls(), settings.maxFeedBytes(), settings.userAgent());
        poll = new FeedPoll(fetcher, publisher::publish, memory::remember, clock, new FeedState.Pacing(
                settings.maxBackoff(), settings.maxInterval(), settings.jitter(), settings.websub().pollInterval()),
                settings.maxItemsPerDocument());
        webSub = new WebSubSubscriber(fetcher, poll, settings.websub(), settings.maxBackoff(), clock, registry, pool,
                settings.maxFeedBytes());
        hosts = new HostSlots(settings.maxConcurrentPerHost());
        Gauge.builder(SUBSCRIBED_METRIC, states, Map::size).description("feeds subscribed and polled by this instance")
                .register(registry);
        Gauge.builder(OVERDUE_METRIC, states, this::longestOverdue).baseUnit("seconds")
                .description("how long the feed polled here that is due longest has waited to fetch").register(registry);
    }

    /** Joins the feed pollers' group once the subscriptions are read (observer priority APPLICATION + 600). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) StartupEvent event) {
        ownership = new FeedOwnership(kafkaConfig, Topics.FEEDS_SUBSCRIPTIONS, FeedOwnership.GROUP,
                "newsfeed-ingest-feed-polling-" + UUID.randomUUID(), settings.startupTimeout(), memory::load);
    }

    /** Which feeds this instance polls, or null before start-up. */
    FeedOwnership ownership() {
        return ownership;
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (ownership != null) {
            ownership.close();
        }
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        fetcher.close();
    }

    /**
     * Ends the publishing of a deleted subscription's poll under way on this instance, if any
     * ({@link FeedState#unsubscribe}): called once the deletion is applied, before the DELETE is answered. Another
     * instance's poll of it stops publishing at that instance's next tick.
     */
    public void unsubscribed(String id) {
        FeedState state = states.get(id);
        if (state != null) {
            state.unsubscribe();
        }
    }

    private AtomicInteger failuresGauge(String feed) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder(FAILURES_METRIC, value, AtomicInteger::get).tag("feed", feed)
                .description("polls of the feed that failed since its last success").register(registry);
        return value;
    }

    private double longestOverdue(Map<String, FeedState> polled) {
        Instant now = clock.instant();
        return polled.values().stream().mapToDouble(state -> state.overdue(now).toMillis() / 1000.0).max().orElse(0);
    }

    /** The tick: syncs states with the subscriptions and starts the polls that are due. */
    @Scheduled(every = "${newsfeed.feeds.tick:" + FeedSettings.DEFAULT_TICK + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "feed-poller")
    void tick() {
        Instant now = clock.instant();
        Set<String> current = new HashSet<>();
        for (FeedSubscription subscription : subscriptions.all()) {
            current.add(subscription.id());
            if (ownership == null || !ownership.owns(subscription.id())) {
                // polled by another instance; taken afresh, with the memory it wrote, if it comes back here
                states.remove(subscription.id());
                continue;
            }
            FeedState state = states.compute(subscription.id(), (id, existing) -> {
                // a state unsubscribed by a DELETE that a new subscription of the same URL followed before this tick
                // publishes nothing any more: the new subscription gets a state of its own
                if (existing == null || existing.unsubscribed()) {
                    return new FeedState(subscription,
                            memory.seenItems(subscription, settings.rememberedItemsPerFeed()), now);
                }
                FeedSubscription known = existing.subscription();
                if (!known.url().equals(subscription.url()) || !known.source().equals(subscription.source())) {
                    webSub.unsubscribe(existing);
                    return new FeedState(subscription, settings.rememberedItemsPerFeed(), now);
                }
                if (!known.equals(subscription)) {
                    existing.update(subscription);
                }
                return existing;
            });
            webSub.maintain(state, now);
        }
        for (String gone : Set.copyOf(states.keySet())) {
            if (!current.contains(gone)) {
                FeedState removed = states.remove(gone);
                if (removed != null) {
                    removed.unsubscribe();
                    webSub.unsubscribe(removed); // best effort: otherwise the hub pushes until the lease ends
                }
                memory.forget(gone);
            }
        }
        startDue(now, state -> true);
        webSub.expire(now);
        // an unsubscribed feed's poll counters go with it, so that they do not pile up over the subscriptions' life
        registry.find(POLLS_METRIC).meters().stream().filter(m -> !current.contains(m.getId().getTag("feed")))
                .forEach(registry::remove);
        // its failure gauge too, and that of a feed another instance polls now, which reports its own
        for (String feed : Set.copyOf(failures.keySet())) {
            if (!states.containsKey(feed)) {
                failures.remove(feed);
                registry.find(FAILURES_METRIC).tag("feed", feed).meters().forEach(registry::remove);
            }
        }
    }

    /**
     * Starts the polls that are due among the feeds {@code which} selects, the longest due first, as far as the pool
     * and the host slots allow. Called by the tick for every feed, and when a poll ends for the feeds of its host, so
     * that a slot given back goes at once to the next feed of that host. Due order is what keeps a host with more due
     * feeds than slots fair: every feed gets its turn, later than its interval says when the host is saturated, where
     * the subscriptions' own order gave the slots to the same first feeds every time and the others were never
     * polled (issue 11's scale-out test found it with 27 feeds on one host).
     */
    private synchronized void startDue(Instant now, Predicate<FeedState> which) {
        // sorted by a copy of each due time: another thread may move a feed's due time meanwhile (the tick's
        // interval change, WebSub), and a sort whose keys change under it can throw
        List<Due> due = states.values().stream().filter(state -> state.isDue(now)).filter(which)
                .map(state -> new Due(state, state.nextPollAt(), state.subscription().id()))
                .sorted(Comparator.comparing(Due::at).thenComparing(Due::id))
                .toList();
        for (Due next : due) {
            FeedState state = next.state();
            FeedSubscription subscription = state.subscription();
            // a feed this instance no longer polls, unsubscribed, or a state a new one replaced, since the last tick
            if (ownership == null || !ownership.owns(subscription.id()) || states.get(subscription.id()) != state
                    || state.unsubscribed() || subscriptions.find(subscription.id()).isEmpty()) {
                continue;
            }
            if (!hosts.tryAcquire(subscription.url())) {
                state.waitingForHostSlot();
                continue;
            }
            if (!state.tryStart(now)) {
                hosts.release(subscription.url());
                continue;
            }
            try {
                pool.execute(() -> poll(state, subscription));
            } catch (RejectedExecutionException e) {
                hosts.release(subscription.url());
                LOG.warnf("feed %s: poll not started, the poller is shutting down", subscription.id());
                return;
            }
        }
    }

    /** A due feed, with the due time and id it was sorted by. */
    private record Due(FeedState state, Instant at, String id) {
    }

    /** One poll, on a pool thread; its host's slot goes to the next feed of that host that is due. */
    private void poll(FeedState state, FeedSubscription subscription) {
        try {
            state.fetching();
            FeedPoll.Outcome outcome = poll.run(state);
            failures.computeIfAbsent(subscription.id(), this::failuresGauge).set(state.consecutiveFailures());
            registry.counter(POLLS_METRIC, "feed", subscription.id(), "outcome", outcome.status()).increment();
            registry.counter("newsfeed.feeds.items.published").increment(outcome.published());
        } finally {
            hosts.release(subscription.url());
        }
        startDue(clock.instant(), other -> HostSlots.sameHost(other.subscription().url(), subscription.url()));
    }

    /**
     * The hub's verification of intent or denial on a WebSub callback ({@link WebSubSubscriber#verify}).
     *
     * @param callbackId the last path segment of the callback
     * @param query      its query parameters, the first value of each
     */
    WebSubSubscriber.Answer webSubVerify(String callbackId, Map<String, String> query) {
        return webSub.verify(callbackId, byCallback(callbackId), query);
    }

    /** A content distribution on a WebSub callback ({@link WebSubSubscriber#deliver}). */
    WebSubSubscriber.Answer webSubDeliver(String callbackId, String signature, String contentType,
            java.io.InputStream body) throws java.io.IOException {
        return webSub.deliver(byCallback(callbackId), signature, contentType, body);
    }

    /** The feed polled here whose WebSub callback id this is. */
    private Optional<FeedState> byCallback(String callbackId) {
        return states.values().stream().filter(s -> s.webSub().callbackId().equals(callbackId)).findFirst();
    }

    /** The status of every subscription, ordered like {@link FeedSubscriptions#all()}. */
    public List<FeedStatus> statuses() {
        return subscriptions.all().stream().map(this::status).toList();
    }

    /** The status of one subscription, if it exists. */
    public Optional<FeedStatus> status(String id) {
        return subscriptions.find(id).map(this::status);
    }

    private FeedStatus status(FeedSubscription subscription) {
        FeedState state = states.get(subscription.id());
        // whose it is now: a state kept from before a rebalance does not make this instance the feed's poller
        boolean here = ownership != null && ownership.owns(subscription.id());
        if (state == null || !state.subscription().url().equals(subscription.url())) {
            // subscribed since the last tick: due at once, if it is this instance's to poll
            return new FeedStatus(subscription.id(), subscription.url(), subscription.intervalSeconds(),
                    subscription.source(), subscription.createdAt(), subscription.title(), subscription.category(),
                    null, null, null, null, 0, here ? clock.instant() : null, 0, 0, null, null, null, null, here,
                    subscription.kindOrFeed(), subscription.backfill(), null, null, null, subscription.itemIdScope());
        }
        FeedStatus status = state.status();
        return new FeedStatus(subscription.id(), subscription.url(), subscription.intervalSeconds(),
                subscription.source(), subscription.createdAt(), subscription.title(), subscription.category(),
                status.lastFetchAt(), status.lastStatus(),
                status.lastError(), status.lastSuccessAt(), status.consecutiveFailures(), status.nextPollAt(),
                status.itemsSeen(), status.itemsPublished(), status.lastItemCount(), status.lastItemsIgnored(),
                status.etag(), status.lastModified(), here, subscription.kindOrFeed(), subscription.backfill(),
                status.freshForSeconds(), status.webSub(), status.waitingFor(), subscription.itemIdScope());
    }
}
