package newsfeed.ingest.feed;

import java.time.Instant;

/**
 * A feed's WebSub subscription as {@code GET /api/feeds} shows it ({@link WebSubState}; W3C WebSub §5).
 *
 * @param state          {@code none} (no hub named, or WebSub off), {@code subscribing} (requested, waiting for
 *                       the hub's verification), {@code active} (pushes accepted until {@code activeUntil}) or
 *                       {@code failed} ({@code reason}; the feed is polled at its interval meanwhile)
 * @param hub            the hub the feed names (Link header first, then the document; §4), or null
 * @param self           the feed's self URL, or null (the feed's URL is then the topic)
 * @param topic          the {@code hub.topic} asked for, or null
 * @param activeUntil    when the lease the hub granted ends, or null
 * @param renewAt        when it is renewed, or null
 * @param reason         why the last attempt failed ({@code denied by the hub: ...}, {@code hub answered HTTP
 *                       500}, {@code lease expired}), or null
 * @param failures       consecutive failed attempts
 * @param nextAttemptAt  when a failed subscription is tried again, or null
 * @param pushesAccepted content distributions processed
 * @param pushesRejected distributions refused (missing or bad {@code X-Hub-Signature}) or that failed to process
 * @param lastPushAt     when the last distribution arrived, or null
 * @param lastPushProblem why the last distribution was refused or failed, or null
 */
public record WebSubStatus(String state, String hub, String self, String topic, Instant activeUntil,
        Instant renewAt, String reason, int failures, Instant nextAttemptAt, long pushesAccepted,
        long pushesRejected, Instant lastPushAt, String lastPushProblem) {
}
