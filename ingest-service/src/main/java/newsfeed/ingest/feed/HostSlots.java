package newsfeed.ingest.feed;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The per-host cap on feeds fetched at once ({@code newsfeed.feeds.max-concurrent-per-host}): the poller takes a slot
 * of the feed URL's host before it starts a poll and gives it back when the poll ends; a feed whose host has no slot
 * left waits until one is given back (the poller then starts the host's feed that is due longest). Hosts are compared
 * in lower case; a URL without a host counts under its whole text. Thread-safe.
 */
final class HostSlots {

    private final int perHost;
    private final Map<String, Integer> taken = new HashMap<>();

    /** @param perHost most polls of one host at once, at least 1 */
    HostSlots(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("newsfeed.feeds.max-concurrent-per-host must be at least 1, got "
                    + perHost);
        }
        this.perHost = perHost;
    }

    /** Takes a slot of the URL's host; false, taking nothing, when all its slots are taken. */
    synchronized boolean tryAcquire(String url) {
        String host = host(url);
        int now = taken.getOrDefault(host, 0);
        if (now >= perHost) {
            return false;
        }
        taken.put(host, now + 1);
        return true;
    }

    /** Gives back a slot that {@link #tryAcquire} took. */
    synchronized void release(String url) {
        taken.computeIfPresent(host(url), (host, n) -> n > 1 ? n - 1 : null);
    }

    /** Whether two feed URLs count under the same host's slots. */
    static boolean sameHost(String url, String other) {
        return host(url).equals(host(other));
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
