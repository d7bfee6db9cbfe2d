package newsfeed.ingest.feed;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The WebSub subscription of one feed in the instance that polls it (W3C WebSub §5): the hub and self the feed's
 * last document named ({@link WebSubDiscovery}), the unguessable callback id and the secret of this subscription,
 * and where it stands: {@code none} (no hub, or WebSub off), {@code subscribing} (requested, waiting for the hub's
 * verification, §5.3), {@code active} until the lease ends, or {@code failed} with the reason and the time of the
 * next attempt ({@link WebSubLease}). Thread-safe (this object's lock): the tick, the subscription request and the
 * callback route all change it.
 */
final class WebSubState {

    /** Where the subscription stands, as {@code GET /api/feeds} shows it. */
    enum Phase {
        NONE, SUBSCRIBING, ACTIVE, FAILED;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** 32 random bytes, base64url: the last path segment of the callback, which only the hub learns. */
    private final String callbackId = token(32, true);
    /** 32 random bytes, hex (64 characters, within the 200 bytes of §5.1): the {@code hub.secret}. */
    private final String secret = token(32, false);

    private String hub;
    private String self;
    private Phase phase = Phase.NONE;
    private String topic;
    private boolean pending;
    private Instant requestedAt;
    private Instant activeUntil;
    private Instant renewAt;
    private Instant nextAttemptAt = Instant.MIN;
    private int failures;
    private String reason;
    private long pushesAccepted;
    private long pushesRejected;
    private Instant lastPushAt;
    private String lastPushProblem;
    /** Set when an active subscription ends: polling at the feed's own interval must resume. */
    private boolean resumed;

    String callbackId() {
        return callbackId;
    }

    byte[] secret() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    String secretText() {
        return secret;
    }

    /**
     * The links of the feed's latest document: a different hub or topic ends what was there (its lease lapses at
     * the old hub) and subscribes afresh at the next tick; no hub means none.
     */
    synchronized void discovered(WebSubDiscovery.Links links) {
        if (java.util.Objects.equals(hub, links.hub()) && java.util.Objects.equals(self, links.self())) {
            return;
        }
        hub = links.hub();
        self = links.self();
        reset(Phase.NONE, null);
    }

    private void reset(Phase to, String why) {
        resumed |= phase == Phase.ACTIVE;
        phase = to;
        pending = false;
        activeUntil = null;
        renewAt = null;
        failures = 0;
        reason = why;
        nextAttemptAt = Instant.MIN;
        topic = null;
    }

    synchronized String hub() {
        return hub;
    }

    /**
     * What to subscribe at {@code now}, if anything is due, marking it requested: a feed with a hub and no active
     * subscription whose next attempt is due, or an active one past its renewal time. A lease that ended, or a
     * request the hub did not verify within {@code verifyTimeout}, fails first ({@link #failed}), and falls back to
     * polling.
     *
     * @return the topic to subscribe to, or null
     */
    synchronized String subscribeDue(Instant now, String feedUrl, Duration verifyTimeout, Duration retry,
            Duration maxBackoff) {
        if (hub == null) {
            return null;
        }
        if (phase == Phase.ACTIVE && !now.isBefore(activeUntil)) {
            failed(now, "lease expired", Duration.ZERO, maxBackoff);
            nextAttemptAt = now; // subscribe again at once; polling has taken over meanwhile
        }
        if (pending && requestedAt != null && !now.isBefore(requestedAt.plus(verifyTimeout))) {
            failed(now, "the hub did not verify the subscription within " + verifyTimeout.toSeconds() + " s", retry,
                    maxBackoff);
        }
        if (pending) {
            return null;
        }
        boolean due = phase == Phase.ACTIVE ? !now.isBefore(renewAt) : !now.isBefore(nextAttemptAt);
        if (!due) {
            return null;
        }
        topic = self != null ? self : feedUrl;
        pending = true;
        requestedAt = now;
        if (phase != Phase.ACTIVE) {
            phase = Phase.SUBSCRIBING;
        }
        return topic;
    }

    /** A subscription request or its verification failed: back to polling, the next attempt backed off. */
    synchronized void failed(Instant now, String why, Duration retry, Duration maxBackoff) {
        failures++;
        reason = why;
        pending = false;
        if (phase != Phase.ACTIVE || !now.isBefore(activeUntil)) {
            resumed |= phase == Phase.ACTIVE;
            phase = Phase.FAILED;
            activeUntil = null;
            renewAt = null;
        }
        nextAttemptAt = now.plus(WebSubLease.retryDelay(failures, retry, maxBackoff));
        if (phase == Phase.ACTIVE && nextAttemptAt.isAfter(activeUntil)) {
            nextAttemptAt = activeUntil;
        }
        // a renewal that failed while the lease runs: try again when the back-off says, before the lease ends
        renewAt = phase == Phase.ACTIVE ? nextAttemptAt : null;
    }

    /**
     * The hub's verification of intent (§5.3): answered with the challenge only when {@code mode} is
     * {@code subscribe} for the topic this subscription asked for (pending, or active and being renewed);
     * makes it active for {@code lease}.
     *
     * @return true to echo the challenge, false to answer 404
     */
    synchronized boolean verify(String mode, String requestedTopic, Duration lease, Instant now, double renewShare) {
        if (!"subscribe".equals(mode) || topic == null || !topic.equals(requestedTopic)
                || (!pending && phase != Phase.ACTIVE)) {
            return false;
        }
        phase = Phase.ACTIVE;
        pending = false;
        failures = 0;
        reason = null;
        activeUntil = now.plus(lease);
        renewAt = WebSubLease.renewAt(now, lease, renewShare);
        return true;
    }

    /** The hub denied the subscription (§5.2) for {@code requestedTopic}; true if it was this one's. */
    synchronized boolean denied(String requestedTopic, String hubReason, Instant now, Duration retry,
            Duration maxBackoff) {
        if (topic == null || !topic.equals(requestedTopic)) {
            return false;
        }
        resumed |= phase == Phase.ACTIVE;
        phase = Phase.FAILED;
        activeUntil = null;
        failed(now, "denied by the hub" + (hubReason == null || hubReason.isBlank() ? ""
                : ": " + hubReason.strip().substring(0, Math.min(200, hubReason.strip().length()))), retry,
                maxBackoff);
        return true;
    }

    /** True while the hub has a verified subscription whose lease runs: content distributions are accepted. */
    synchronized boolean active(Instant now) {
        return phase == Phase.ACTIVE && now.isBefore(activeUntil);
    }

    /**
     * True once after an active subscription ended (lease expired, denied, hub gone from the feed): the feed's polls,
     * spaced out while it was active, must come back to its interval.
     */
    synchronized boolean takeResumed() {
        boolean was = resumed;
        resumed = false;
        return was;
    }

    /** The topic subscribed to, for an unsubscription; null when none was asked for. */
    synchronized String topic() {
        return topic;
    }

    synchronized void pushAccepted(Instant at) {
        pushesAccepted++;
        lastPushAt = at;
        lastPushProblem = null;
    }

    /** A distribution refused ({@code bad signature: mismatch}) or that failed to process, with what went wrong. */
    synchronized void pushRefused(Instant at, String problem) {
        pushesRejected++;
        lastPushAt = at;
        lastPushProblem = problem;
    }

    synchronized WebSubStatus status() {
        return new WebSubStatus(phase.word(), hub, self, topic, activeUntil, phase == Phase.ACTIVE ? renewAt : null,
                reason, failures, phase == Phase.FAILED ? nextAttemptAt : null, pushesAccepted, pushesRejected,
                lastPushAt, lastPushProblem);
    }

    private static String token(int bytes, boolean url) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return url ? Base64.getUrlEncoder().withoutPadding().encodeToString(random) : HexFormat.of().formatHex(random);
    }
}
