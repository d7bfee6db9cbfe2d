/**
 * Outbound HTTP on a user's behalf, made safe to run inside a network (issue 10, SSRF).
 *
 * <p>{@link newsfeed.ingest.net.AddressPolicy} is the one definition of the addresses the service must not reach
 * for a user (loopback, private, link-local, carrier-grade NAT, unique local, multicast, their IPv4-in-IPv6 forms, and
 * the other special-purpose ranges, with their RFCs), switched off by {@code newsfeed.feeds.allow-private}.
 * {@link newsfeed.ingest.net.GuardedHttpClient} fetches with Apache HttpClient 5 through
 * {@link newsfeed.ingest.net.CheckedDnsResolver}, so it connects only to addresses the policy checked, and follows
 * redirects itself, checking every hop. Failures are {@link newsfeed.ingest.net.FetchException}s worded without
 * internal detail.
 */
package newsfeed.ingest.net;
