package newsfeed.ingest.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses the service may connect to on a user's behalf (a feed URL, a redirect it leads to): the one place
 * that decides what is <em>not public</em>. Every outbound fetch of a user-given URL resolves its host here
 * ({@link #resolve(String)}), directly or through {@link CheckedDnsResolver}, and connects only to the addresses
 * this returned.
 *
 * <p>An address is not public when it lies in one of these ranges ({@link #nonPublicRange(InetAddress)}):
 * <ul>
 *   <li>IPv4, from the IANA IPv4 Special-Purpose Address Registry (RFC 6890) and the RFCs it cites: 0.0.0.0/8 "this
 *       network" (RFC 791, RFC 1122 §3.2.1.3: 0.0.0.0 reaches the host itself on Linux); 10/8, 172.16/12 and
 *       192.168/16 private networks (RFC 1918); 100.64/10 shared address space, carrier-grade NAT (RFC 6598);
 *       127/8 loopback (RFC 1122 §3.2.1.3); 169.254/16 link-local (RFC 3927), where cloud metadata services answer
 *       (169.254.169.254); 192.0.0/24 IETF protocol assignments (RFC 6890 §2.2.2, the whole block, although two of
 *       its /32s are globally reachable); 192.0.2/24, 198.51.100/24, 203.0.113/24 documentation (RFC 5737);
 *       192.88.99/24 6to4 relay anycast (RFC 7526); 198.18/15 benchmarking (RFC 2544); 224/4 multicast
 *       (RFC 5771); 240/4 reserved (RFC 1112 §4), with the limited broadcast 255.255.255.255 (RFC 919).</li>
 *   <li>IPv6, from the IANA IPv6 Special-Purpose Address Registry (RFC 6890) and the IPv6 addressing architecture
 *       (RFC 4291): ::/128 unspecified and ::1/128 loopback (RFC 4291 §2.5.2, §2.5.3); 64:ff9b:1::/48 local-use
 *       translation (RFC 8215); 100::/64 discard-only (RFC 6666); 2001::/23 IETF protocol assignments, Teredo
 *       2001::/32 included (RFC 2928, RFC 4380); 2001:db8::/32 and 3fff::/20 documentation (RFC 3849, RFC 9637);
 *       5f00::/16 SRv6 SIDs (RFC 9602); fc00::/7 unique local (RFC 4193); fe80::/10 link-local (RFC 4291 §2.5.6);
 *       fec0::/10 site-local, deprecated (RFC 3879); ff00::/8 multicast (RFC 4291 §2.7); and anything else outside
 *       2000::/3, the only block of global unicast addresses allocated (RFC 4291 §2.4, IANA IPv6 Address Space).</li>
 *   <li>IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped ::ffff:0:0/96 (RFC 4291
 *       §2.5.5.2), IPv4-compatible ::/96 (RFC 4291 §2.5.5.1, deprecated: refused even with a public address),
 *       the NAT64 well-known prefix 64:ff9b::/96 (RFC 6052 §2.1) and 6to4 2002::/16 (RFC 3056 §2).</li>
 * </ul>
 *
 * <p>The policy refuses a host when <em>any</em> of its addresses is not public, so that which address a connection
 * ends up using cannot matter. {@code allowPrivate} turns the check off (development and tests that serve feeds on
 * loopback; it lets a subscription reach the host's own services and cloud metadata), and {@code allowedNetworks}
 * lets chosen networks through while every other non-public address stays refused. Thread-safe and immutable.
 */
public final class AddressPolicy {

    /**
     * A block of addresses that is not public.
     *
     * @param cidr   the block, {@code 127.0.0.0/8}
     * @param name   what it is, {@code loopback}
     * @param source where the rule comes from, {@code RFC 1122 §3.2.1.3}
     */
    public record Range(String cidr, String name, String source) {
    }

    /** A parsed network: {@code bits} leading bits of {@code prefix} (4 or 16 bytes). */
    private record Network(byte[] prefix, int bits, Range range) {

        static Network parse(String cidr, String name, String source) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a network in CIDR notation (address/prefix length): \""
                        + cidr + "\"");
            }
            byte[] prefix = literal(cidr.substring(0, slash), cidr);
            int bits;
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid prefix length in \"" + cidr + "\"", e);
            }
            if (bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException("prefix length of \"" + cidr + "\" must be from 0 to "
                        + prefix.length * 8);
            }
            return new Network(prefix, bits, new Range(cidr, name, source));
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** A dotted-quad IPv4 literal; before the tables, which are parsed with it. */
    private static final Pattern IPV4_LITERAL = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private static final List<Network> IPV4 = List.of(
            Network.parse("0.0.0.0/8", "this network", "RFC 791, RFC 1122 §3.2.1.3"),
            Network.parse("10.0.0.0/8", "private network", "RFC 1918"),
            Network.parse("100.64.0.0/10", "shared address space (carrier-grade NAT)", "RFC 6598"),
            Network.parse("127.0.0.0/8", "loopback", "RFC 1122 §3.2.1.3"),
            Network.parse("169.254.0.0/16", "link-local (cloud metadata)", "RFC 3927"),
            Network.parse("172.16.0.0/12", "private network", "RFC 1918"),
            Network.parse("192.0.0.0/24", "IETF protocol assignments", "RFC 6890 §2.2.2"),
            Network.parse("192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"),
            Network.parse("192.88.99.0/24", "6to4 relay anycast", "RFC 7526"),
            Network.parse("192.168.0.0/16", "private network", "RFC 1918"),
            Network.parse("198.18.0.0/15", "benchmarking", "RFC 2544"),
            Network.parse("198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"),
            Network.parse("203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"),
            Network.parse("224.0.0.0/4", "multicast", "RFC 5771"),
            Network.parse("240.0.0.0/4", "reserved, with the limited broadcast 255.255.255.255",
                    "RFC 1112 §4, RFC 919"));

    // First match wins: the /128s come before ::/96, which holds them.
    private static final List<Network> IPV6 = List.of(
            Network.parse("::/128", "unspecified", "RFC 4291 §2.5.2"),
            Network.parse("::1/128", "loopback", "RFC 4291 §2.5.3"),
            Network.parse("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", "RFC 8215"),
            Network.parse("100::/64", "discard-only", "RFC 6666"),
            Network.parse("2001::/23", "IETF protocol assignments, Teredo included", "RFC 2928, RFC 4380"),
            Network.parse("2001:db8::/32", "documentation", "RFC 3849"),
            Network.parse("3fff::/20", "documentation", "RFC 9637"),
            Network.parse("5f00::/16", "SRv6 SIDs", "RFC 9602"),
            Network.parse("fc00::/7", "unique local", "RFC 4193"),
            Network.parse("fe80::/10", "link-local", "RFC 4291 §2.5.6"),
            Network.parse("fec0::/10", "site-local (deprecated)", "RFC 3879"),
            Network.parse("ff00::/8", "multicast", "RFC 4291 §2.7"));

    private static final Network GLOBAL_UNICAST = Network.parse("2000::/3", "global unicast", "RFC 4291 §2.4");
    private static final Range NOT_GLOBAL_UNICAST = new Range("outside 2000::/3", "not global unicast",
            "RFC 4291 §2.4, IANA IPv6 Address Space");
    private static final Range IPV4_COMPATIBLE = new Range("::/96", "IPv4-compatible (deprecated)",
            "RFC 4291 §2.5.5.1");

    private final boolean allowPrivate;
    private final List<Network> allowed;

    /**
     * @param allowPrivate    true to allow every address (no check)
     * @param allowedNetworks networks allowed although not public, in CIDR notation ({@code 10.1.2.3/32},
     *                        {@code fd00:1::/64}); IPv4-mapped IPv6 addresses are matched by their IPv4 address
     * @throws IllegalArgumentException for an entry that is not an IP network in CIDR notation, naming it
     */
    public AddressPolicy(boolean allowPrivate, List<String> allowedNetworks) {
        this.allowPrivate = allowPrivate;
        List<Network> parsed = new ArrayList<>();
        for (String cidr : allowedNetworks) {
            parsed.add(Network.parse(cidr.strip(), "allowed", "configuration"));
        }
        this.allowed = List.copyOf(parsed);
    }

    /** True when the check is off ({@code allowPrivate}): every address is allowed. */
    public boolean allowsEverything() {
        return allowPrivate;
    }

    /**
     * The range that makes {@code address} not public, or empty when it is public. Pure: neither resolves nor
     * connects. An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) gets the IPv4 address's
     * range, named with the form.
     */
    public static Optional<Range> nonPublicRange(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return first(IPV4, bytes);
        }
        if (isMapped(bytes)) {
            return embedded(bytes, 12, "as an IPv4-mapped IPv6 address", "RFC 4291 §2.5.5.2");
        }
        Optional<Range> special = first(IPV6, bytes);
        if (special.isPresent()) {
            return special;
        }
        if (startsWith(bytes, new byte[12])) {
            return embedded(bytes, 12, "as an IPv4-compatible IPv6 address", "RFC 4291 §2.5.5.1")
                    .or(() -> Optional.of(IPV4_COMPATIBLE));
        }
        if (startsWith(bytes, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
            return embedded(bytes, 12, "behind the NAT64 prefix 64:ff9b::/96", "RFC 6052 §2.1");
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return embedded(bytes, 2, "inside a 6to4 address 2002::/16", "RFC 3056 §2");
        }
        return GLOBAL_UNICAST.contains(bytes) ? Optional.empty() : Optional.of(NOT_GLOBAL_UNICAST);
    }

    /** The range that makes this policy refuse {@code address}, or empty when it is allowed. */
    public Optional<Range> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        byte[] comparable = isMapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
        for (Network network : allowed) {
            if (network.contains(comparable)) {
                return Optional.empty();
            }
        }
        return nonPublicRange(address);
    }

    /**
     * Resolves {@code host} with the system resolver (an IP literal is parsed, not looked up) and checks every
     * address it has.
     *
     * @param host a host name or IP literal, IPv6 in brackets or not
     * @return every address of the host, all allowed
     * @throws AddressNotAllowedException if one of them is not ({@link AddressNotAllowedException#getMessage()} names
     *                                    the host and the range, never the address a name resolved to)
     * @throws UnknownHostException       if the host has no address
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host == null || host.isBlank()) {
            // InetAddress would answer the loopback address for an empty host
            throw new UnknownHostException("no host");
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<Range> refused = refusal(address);
            if (refused.isPresent()) {
                throw new AddressNotAllowedException(host, isLiteral(host), refused.get());
            }
        }
        return addresses;
    }

    private static Optional<Range> first(List<Network> networks, byte[] bytes) {
        for (Network network : networks) {
            if (network.contains(bytes)) {
                return Optional.of(network.range());
            }
        }
        return Optional.empty();
    }

    private static Optional<Range> embedded(byte[] bytes, int from, String form, String formSource) {
        return first(IPV4, Arrays.copyOfRange(bytes, from, from + 4))
                .map(r -> new Range(r.cidr(), r.name() + " " + form, r.source() + "; " + formSource));
    }

    private static boolean isMapped(byte[] bytes) {
        return bytes.length == 16 && startsWith(bytes, new byte[10]) && bytes[10] == (byte) 0xff
                && bytes[11] == (byte) 0xff;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** An IPv4 dotted quad or an IPv6 literal (every IPv6 literal has a colon, no host name has one). */
    private static boolean isLiteral(String host) {
        return IPV4_LITERAL.matcher(host).matches() || host.contains(":");
    }

    /** Parses the IP literal of a configured network, never looking a name up. */
    private static byte[] literal(String text, String cidr) {
        var quad = IPV4_LITERAL.matcher(text);
        if (quad.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(quad.group(i + 1));
                if (octet > 255) {
                    throw new IllegalArgumentException("not an IP address in \"" + cidr + "\"");
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (!text.contains(":")) {
            throw new IllegalArgumentException("not an IP address in \"" + cidr + "\"");
        }
        try {
            // in brackets, InetAddress parses an IPv6 literal or fails; it looks nothing up
            byte[] bytes = InetAddress.getByName("[" + text + "]").getAddress();
            // it also turns ::ffff:a.b.c.d into an IPv4 address: keep the 16 bytes the text has
            if (bytes.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address in \"" + cidr + "\"", e);
        }
    }
}
