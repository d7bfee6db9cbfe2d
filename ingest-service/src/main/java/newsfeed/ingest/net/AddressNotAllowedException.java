package newsfeed.ingest.net;

import java.net.UnknownHostException;

/**
 * A host was refused by {@link AddressPolicy}: it is, or resolves to, an address that is not public. An
 * {@link UnknownHostException} because it is raised where a name is resolved ({@link CheckedDnsResolver}), which may
 * throw only that; nothing is connected to.
 *
 * <p>The message names the host and the range, never the address a name resolved to (that could be an internal
 * detail): {@code 127.0.0.2 is in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3)}, {@code feeds.internal resolves to an
 * address in 10.0.0.0/8, private network (RFC 1918)}.
 */
public class AddressNotAllowedException extends UnknownHostException {

    private final String host;
    private final AddressPolicy.Range range;

    /**
     * @param host    the host as given
     * @param literal true when the host is an IP literal (the message then says "is in", not "resolves to")
     * @param range   the range that refused it
     */
    public AddressNotAllowedException(String host, boolean literal, AddressPolicy.Range range) {
        super(host + (literal ? " is in " : " resolves to an address in ") + range.cidr() + ", " + range.name()
                + " (" + range.source() + ")");
        this.host = host;
        this.range = range;
    }

    public String host() {
        return host;
    }

    public AddressPolicy.Range range() {
        return range;
    }
}
