package newsfeed.ingest.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The resolver of Apache HttpClient's connection manager in {@link GuardedHttpClient}: HttpClient connects to the
 * addresses this returns, and this returns only addresses {@link AddressPolicy} allowed, so the address checked is
 * the address connected to, with no second lookup in between (a name that resolves to a public address for the check
 * and to a private one for the connection, DNS rebinding, gains nothing). A refused host throws
 * {@link AddressNotAllowedException} before any socket is opened.
 */
final class CheckedDnsResolver implements DnsResolver {

    private final AddressPolicy policy;

    CheckedDnsResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.resolve(host);
    }

    /** Used by HttpClient only for Kerberos/SPNEGO, which feed fetches never do. */
    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
