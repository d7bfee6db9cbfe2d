package newsfeed.ingest.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address check alone: addresses built from their bytes ({@link InetAddress#getByAddress}), classified without
 * resolving or connecting. Each range is probed at its edges and just outside them.
 */
class AddressPolicyTest {

    /** An address from its bytes in hex: 8 digits IPv4, 32 digits IPv6 (kept IPv6 even when IPv4-mapped). */
    private static InetAddress bytes(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
    }

    @ParameterizedTest(name = "{0} is in {2}")
    @CsvSource(delimiter = '|', value = {
            // IPv4: every range at its first and last address
            "0.0.0.0         | 00000000 | 0.0.0.0/8       | this network",
            "0.255.255.255   | 00ffffff | 0.0.0.0/8       | this network",
            "10.0.0.0        | 0a000000 | 10.0.0.0/8      | private network",
            "10.255.255.255  | 0affffff | 10.0.0.0/8      | private network",
            "100.64.0.0      | 64400000 | 100.64.0.0/10   | shared address space (carrier-grade NAT)",
            "100.127.255.255 | 647fffff | 100.64.0.0/10   | shared address space (carrier-grade NAT)",
            "127.0.0.1       | 7f000001 | 127.0.0.0/8     | loopback",
            "127.255.255.254 | 7ffffffe | 127.0.0.0/8     | loopback",
            "169.254.0.0     | a9fe0000 | 169.254.0.0/16  | link-local (cloud metadata)",
            "169.254.169.254 | a9fea9fe | 169.254.0.0/16  | link-local (cloud metadata)",
            "172.16.0.0      | ac100000 | 172.16.0.0/12   | private network",
            "172.31.255.255  | ac1fffff | 172.16.0.0/12   | private network",
            "192.0.0.8       | c0000008 | 192.0.0.0/24    | IETF protocol assignments",
            "192.0.2.1       | c0000201 | 192.0.2.0/24    | documentation (TEST-NET-1)",
            "192.88.99.1     | c0586301 | 192.88.99.0/24  | 6to4 relay anycast",
            "192.168.0.0     | c0a80000 | 192.168.0.0/16  | private network",
            "192.168.255.255 | c0a8ffff | 192.168.0.0/16  | private network",
            "198.18.0.1      | c6120001 | 198.18.0.0/15   | benchmarking",
            "198.19.255.255  | c613ffff | 198.18.0.0/15   | benchmarking",
            "198.51.100.7    | c6336407 | 198.51.100.0/24 | documentation (TEST-NET-2)",
            "203.0.113.9     | cb007109 | 203.0.113.0/24  | documentation (TEST-NET-3)",
            "224.0.0.1       | e0000001 | 224.0.0.0/4     | multicast",
            "239.255.255.255 | efffffff | 224.0.0.0/4     | multicast",
            "240.0.0.1       | f0000001 | 240.0.0.0/4     | reserved, with the limited broadcast 255.255.255.255",
            "255.255.255.255 | ffffffff | 240.0.0.0/4     | reserved, with the limited broadcast 255.255.255.255",
            // IPv6
            ":: unspecified  | 00000000000000000000000000000000 | ::/128         | unspecified",
            "::1             | 00000000000000000000000000000001 | ::1/128        | loopback",
            "fe80::1         | fe800000000000000000000000000001 | fe80::/10      | link-local",
            "febf:ffff::1    | febfffff000000000000000000000001 | fe80::/10      | link-local",
            "fec0::1         | fec00000000000000000000000000001 | fec0::/10      | site-local (deprecated)",
            "fc00::1         | fc000000000000000000000000000001 | fc00::/7       | unique local",
            "fdff:ffff::1    | fdffffff000000000000000000000001 | fc00::/7       | unique local",
            "ff02::1         | ff020000000000000000000000000001 | ff00::/8       | multicast",
            "64:ff9b:1::1    | 0064ff9b000100000000000000000001 | 64:ff9b:1::/48 | local-use IPv4/IPv6 translation",
            "100::1          | 01000000000000000000000000000001 | 100::/64       | discard-only",
            "2001::1 Teredo  | 20010000000000000000000000000001 | 2001::/23      | IETF protocol assignments, Teredo included",
            "2001:db8::1     | 20010db8000000000000000000000001 | 2001:db8::/32  | documentation",
            "3fff::1         | 3fff0000000000000000000000000001 | 3fff::/20      | documentation",
            "5f00::1         | 5f000000000000000000000000000001 | 5f00::/16      | SRv6 SIDs",
            "4000::1         | 40000000000000000000000000000001 | outside 2000::/3 | not global unicast",
            "::8.8.8.8       | 00000000000000000000000008080808 | ::/96          | IPv4-compatible (deprecated)",
            // IPv4 inside IPv6: judged by the IPv4 address
            "::ffff:127.0.0.1       | 00000000000000000000ffff7f000001 | 127.0.0.0/8    | loopback as an IPv4-mapped IPv6 address",
            "::ffff:10.1.2.3        | 00000000000000000000ffff0a010203 | 10.0.0.0/8     | private network as an IPv4-mapped IPv6 address",
            "::ffff:169.254.169.254 | 00000000000000000000ffffa9fea9fe | 169.254.0.0/16 | link-local (cloud metadata) as an IPv4-mapped IPv6 address",
            "::ffff:0.0.0.0         | 00000000000000000000ffff00000000 | 0.0.0.0/8      | this network as an IPv4-mapped IPv6 address",
            "::127.0.0.1            | 0000000000000000000000007f000001 | 127.0.0.0/8    | loopback as an IPv4-compatible IPv6 address",
            "64:ff9b::10.0.0.1      | 0064ff9b00000000000000000a000001 | 10.0.0.0/8     | private network behind the NAT64 prefix 64:ff9b::/96",
            "64:ff9b::100.64.0.1    | 0064ff9b000000000000000064400001 | 100.64.0.0/10  | shared address space (carrier-grade NAT) behind the NAT64 prefix 64:ff9b::/96",
            "2002:c0a8:101:: 6to4 of 192.168.1.1 | 2002c0a8010100000000000000000000 | 192.168.0.0/16 | private network inside a 6to4 address 2002::/16",
            "2002:7f00:1:: 6to4 of 127.0.0.1     | 20027f00000100000000000000000001 | 127.0.0.0/8    | loopback inside a 6to4 address 2002::/16",
    })
    void nonPublicAddressesAreNamedByTheirRange(String what, String hex, String cidr, String name)
            throws UnknownHostException {
        Optional<AddressPolicy.Range> range = AddressPolicy.nonPublicRange(bytes(hex));

        assertThat(range).as(what).isPresent();
        assertThat(range.get().cidr()).isEqualTo(cidr);
        assertThat(range.get().name()).isEqualTo(name);
        assertThat(range.get().source()).as("every range cites its source").containsPattern("RFC \\d+");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "8.8.8.8                   | 08080808",
            "1.1.1.1                   | 01010101",
            "9.255.255.255 below 10/8  | 09ffffff",
            "11.0.0.0 above 10/8       | 0b000000",
            "100.63.255.255 below CGNAT | 643fffff",
            "100.128.0.0 above CGNAT   | 64800000",
            "126.255.255.255 below 127/8 | 7effffff",
            "128.0.0.0 above 127/8     | 80000000",
            "169.253.255.255           | a9fdffff",
            "169.255.0.0               | a9ff0000",
            "172.15.255.255            | ac0fffff",
            "172.32.0.0                | ac200000",
            "192.167.255.255           | c0a7ffff",
            "192.169.0.0               | c0a90000",
            "198.17.255.255            | c611ffff",
            "198.20.0.0                | c6140000",
            "223.255.255.255 below multicast | dfffffff",
            "2606:4700:4700::1111      | 26064700470000000000000000001111",
            "2001:4860:4860::8888      | 20014860486000000000000000008888",
            "2001:200:: just above 2001::/23 | 20010200000000000000000000000000",
            "::ffff:8.8.8.8 mapped     | 00000000000000000000ffff08080808",
            "64:ff9b::8.8.8.8 NAT64    | 0064ff9b000000000000000008080808",
            "2002:808:808:: 6to4 of 8.8.8.8 | 20020808080800000000000000000001",
    })
    void publicAddressesHaveNoRange(String what, String hex) throws UnknownHostException {
        assertThat(AddressPolicy.nonPublicRange(bytes(hex))).as(what).isEmpty();
    }

    @Test
    void allowPrivateLetsEveryAddressThrough() throws UnknownHostException {
        AddressPolicy open = new AddressPolicy(true, List.of());

        assertThat(open.allowsEverything()).isTrue();
        assertThat(open.refusal(bytes("7f000001"))).isEmpty();
        assertThat(open.refusal(bytes("a9fea9fe"))).isEmpty();
        assertThat(open.refusal(bytes("fd000000000000000000000000000001"))).isEmpty();
    }

    @Test
    void allowedNetworksLetOnlyThemselvesThrough() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(false, List.of("127.0.0.3/32", " fd00:1::/64", "10.20.0.0/16"));

        assertThat(policy.allowsEverything()).isFalse();
        assertThat(policy.refusal(bytes("7f000003"))).isEmpty();
        assertThat(policy.refusal(bytes("00000000000000000000ffff7f000003"))).as("IPv4-mapped 127.0.0.3").isEmpty();
        assertThat(policy.refusal(bytes("0a14ffff"))).as("10.20.255.255").isEmpty();
        assertThat(policy.refusal(bytes("fd000001000000000000000000000005"))).as("fd00:1::5").isEmpty();
        assertThat(policy.refusal(bytes("7f000002")).map(AddressPolicy.Range::cidr)).contains("127.0.0.0/8");
        assertThat(policy.refusal(bytes("0a150000")).map(AddressPolicy.Range::cidr)).as("10.21.0.0")
                .contains("10.0.0.0/8");
        assertThat(policy.refusal(bytes("fd000002000000000000000000000001")).map(AddressPolicy.Range::cidr))
                .as("fd00:2::1").contains("fc00::/7");
        assertThat(policy.refusal(bytes("08080808"))).as("public stays allowed").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost/32", "10.0.0.0", "10.0.0.0/33", "300.1.1.1/8", "fd00::zz/64", "::1/129",
            "10.0.0.0/x"})
    void anAllowedNetworkThatIsNotOneIsRefusedByName(String network) {
        assertThatThrownBy(() -> new AddressPolicy(false, List.of(network)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + network + "\"");
    }

    @Test
    void resolvingARefusedHostNamesTheHostAndTheRangeButNotTheAddressOfAName() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(false, List.of());

        assertThatThrownBy(() -> policy.resolve("127.0.0.2"))
                .isInstanceOf(AddressNotAllowedException.class)
                .hasMessage("127.0.0.2 is in 127.0.0.0/8, loopback (RFC 1122 §3.2.1.3)");
        assertThatThrownBy(() -> policy.resolve("[::1]"))
                .isInstanceOf(AddressNotAllowedException.class)
                .hasMessage("[::1] is in ::1/128, loopback (RFC 4291 §2.5.3)");
        assertThatThrownBy(() -> policy.resolve("0.0.0.0"))
                .isInstanceOf(AddressNotAllowedException.class)
                .hasMessage("0.0.0.0 is in 0.0.0.0/8, this network (RFC 791, RFC 1122 §3.2.1.3)");
        // localhost comes from /etc/hosts: 127.0.0.1, ::1 or both
        assertThatThrownBy(() -> policy.resolve("localhost"))
                .isInstanceOf(AddressNotAllowedException.class)
                .hasMessageStartingWith("localhost resolves to an address in ")
                .hasMessageContaining(", loopback (")
                .hasMessageNotContaining("127.0.0.1");
        assertThatThrownBy(() -> policy.resolve("")).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(AddressNotAllowedException.class);
        // a literal is parsed, not looked up, and nothing is connected to
        assertThat(policy.resolve("8.8.8.8")).containsExactly(bytes("08080808"));
    }
}
