package newsfeed.ingest.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server bound to one loopback address (in 127.0.0.0/8, or ::1; the constructor refuses any other), that
 * logs every request it gets:
 * <ul>
 *   <li>{@code /feed.xml}: a one-item RSS feed (title {@link #TITLE});</li>
 *   <li>{@code /redirect?to=URL}: {@code 302} to URL ({@link #redirectTo(String)});</li>
 *   <li>{@code /loop}: {@code 302} to itself;</li>
 *   <li>{@code /warming}: {@code 302} to itself the first time, then as {@code /feed.xml};</li>
 *   <li>{@code /ping} and {@code /pong}: {@code 302} to each other;</li>
 *   <li>{@code /chain?n=N}: {@code 302} to {@code /chain?n=N+1}, a chain of redirects that never comes back;</li>
 *   <li>anything else: {@code 404}.</li>
 * </ul>
 */
public final class LoopbackServer implements AutoCloseable {

    public static final String TITLE = "Lighthouse keeper retires";
    public static final byte[] FEED = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
            + "<title>Cape</title><item><title>" + TITLE + "</title><guid isPermaLink=\"false\">cape-1</guid>"
            + "<description>After forty winters the keeper hands over the lamp.</description></item></channel></rss>")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final String host;
    /** The path and query of every request, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    /**
     * @param address a loopback literal: {@code 127.0.0.1}, {@code 127.0.0.2}, {@code ::1}
     * @throws IOException if the address cannot be bound (::1 on a host without IPv6)
     */
    public LoopbackServer(String address) throws IOException {
        InetAddress bind = InetAddress.getByName(address);
        if (!bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests serve on loopback only, not " + address);
        }
        host = bind instanceof Inet6Address ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        server = HttpServer.create(new InetSocketAddress(bind, 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The server on ::1, or null where IPv6 loopback cannot be bound. */
    public static LoopbackServer onIpv6OrNull() {
        try {
            return new LoopbackServer("::1");
        } catch (IOException e) {
            return null;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<this server's address>:<port><path>}. */
    public String url(String path) {
        return "http://" + host + ":" + port() + path;
    }

    /** The URL on this server that redirects to {@code target}. */
    public String redirectTo(String target) {
        return url("/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(path + (query == null ? "" : "?" + query));
        if (path.equals("/warming") && requests.stream().filter("/warming"::equals).count() > 1) {
            path = "/feed.xml";
        }
        switch (path) {
            case "/feed.xml" -> {
                exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
                exchange.sendResponseHeaders(200, FEED.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(FEED);
                }
            }
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location",
                        URLDecoder.decode(query.substring("to=".length()), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            case "/chain" -> {
                int n = Integer.parseInt(query.substring("n=".length()));
                exchange.getResponseHeaders().add("Location", "/chain?n=" + (n + 1));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            case "/ping", "/pong" -> {
                exchange.getResponseHeaders().add("Location", path.equals("/ping") ? "/pong" : "/ping");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            case "/loop", "/warming" -> {
                exchange.getResponseHeaders().add("Location", path);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            default -> {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
