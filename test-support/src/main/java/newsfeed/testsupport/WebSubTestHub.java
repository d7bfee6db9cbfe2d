package newsfeed.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small WebSub hub for tests (W3C WebSub §5, §7, §8), on 127.0.0.1 only: it takes subscription requests at
 * {@link #url()} ({@code 202 Accepted}, or the status {@link #answerSubscriptions} sets), verifies each one's intent
 * by a GET on its callback with a random challenge (§5.3) and keeps the subscriptions whose callback echoed it. It
 * pushes a document to the verified subscribers of a topic signed with their secret ({@link #publish}), with any
 * signature a test chooses ({@link #deliver}), and can deny a subscription (§5.2). Sends nothing to any address but
 * the callbacks it is given, which tests point at 127.0.0.1.
 */
public final class WebSubTestHub implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A verified subscription.
     *
     * @param topic        {@code hub.topic}
     * @param callback     {@code hub.callback}
     * @param secret       {@code hub.secret}, or null
     * @param leaseSeconds the lease granted
     * @param verifiedAt   when the callback echoed the challenge
     */
    public record Subscription(String topic, String callback, String secret, long leaseSeconds, Instant verifiedAt) {
    }

    /**
     * A request the hub received, with the status it answered.
     *
     * @param form   the form's parameters, the first value of each
     * @param status the answer
     */
    public record Request(Map<String, String> form, int status) {
    }

    /**
     * A verification the hub made: the callback's answer.
     *
     * @param mode   {@code subscribe} or {@code unsubscribe}
     * @param status the callback's status
     * @param echoed true when the body was the challenge
     */
    public record Verification(String mode, String callback, int status, boolean echoed) {
    }

    /** The answer of a callback to a distribution or denial: status and body. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService verifier = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "websub-test-hub");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Verification> verifications = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile int subscriptionStatus = 202;
    private volatile Long grantedLease;

    public WebSubTestHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hub", this::handle);
        server.start();
    }

    /** The hub's URL, for a feed's {@code rel="hub"} link. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
    }

    /** Answers subscription requests with {@code status} from now on (202, the default, accepts them). */
    public void answerSubscriptions(int status) {
        subscriptionStatus = status;
    }

    /** Grants this lease whatever is asked; null (the default) grants what is asked. */
    public void grantLease(Long seconds) {
        grantedLease = seconds;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Verification> verifications() {
        return List.copyOf(verifications);
    }

    /** The verified subscriptions of {@code topic}, latest verification last. */
    public List<Subscription> subscriptions(String topic) {
        return subscriptions.stream().filter(s -> s.topic().equals(topic)).toList();
    }

    /** Waits until {@code topic} has a verified subscription, and returns it. */
    public Subscription awaitSubscription(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Subscription> verified = subscriptions(topic);
            if (!verified.isEmpty()) {
                return verified.get(verified.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no verified subscription of " + topic + " within " + timeout + "; requests "
                + requests + ", verifications " + verifications);
    }

    /** Pushes {@code body} to every verified subscriber of {@code topic}, signed with sha256 and its secret (§8). */
    public List<Answer> publish(String topic, byte[] body, String contentType) {
        List<Answer> answers = new ArrayList<>();
        for (Subscription subscription : subscriptions(topic)) {
            answers.add(deliver(subscription, body, contentType, subscription.secret() == null ? null
                    : signature("sha256", body, subscription.secret())));
        }
        return answers;
    }

    /** POSTs {@code body} to a subscription's callback with this {@code X-Hub-Signature} (null: none). */
    public Answer deliver(Subscription subscription, byte[] body, String contentType, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.callback()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Link", "<" + url() + ">; rel=\"hub\", <" + subscription.topic() + ">; rel=\"self\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return send(request.build());
    }

    /** Tells a subscriber its subscription is denied (§5.2): a GET on its callback with {@code hub.mode=denied}. */
    public Answer deny(Subscription subscription, String reason) {
        return send(HttpRequest.newBuilder(URI.create(subscription.callback() + "?" + form(Map.of(
                "hub.mode", "denied", "hub.topic", subscription.topic(), "hub.reason", reason))))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** {@code method=hex(HMAC(secret, body))}, as a hub signs (§8). */
    public static String signature(String method, byte[] body, String secret) {
        String algorithm = switch (method) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "sha384" -> "HmacSHA384";
            case "sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException(method);
        };
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return method + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            int status = subscriptionStatus;
            String mode = form.get("hub.mode");
            if (!"subscribe".equals(mode) && !"unsubscribe".equals(mode) || form.get("hub.topic") == null
                    || form.get("hub.callback") == null) {
                status = 400;
            }
            requests.add(new Request(form, status));
            exchange.sendResponseHeaders(status, -1);
            if (status == 202) {
                verifier.execute(() -> verify(form));
            }
        }
    }

    /** The verification of intent (§5.3), after the 202 (asynchronous, as hubs do it). */
    private void verify(Map<String, String> form) {
        String mode = form.get("hub.mode");
        String topic = form.get("hub.topic");
        String callback = form.get("hub.callback");
        long lease = grantedLease != null ? grantedLease
                : Long.parseLong(form.getOrDefault("hub.lease_seconds", "86400"));
        String challenge = HexFormat.of().formatHex(randomBytes(20));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("hub.mode", mode);
        query.put("hub.topic", topic);
        query.put("hub.challenge", challenge);
        if (mode.equals("subscribe")) {
            query.put("hub.lease_seconds", Long.toString(lease));
        }
        String separator = callback.contains("?") ? "&" : "?";
        Answer answer;
        try {
            answer = send(HttpRequest.newBuilder(URI.create(callback + separator + form(query)))
                    .timeout(Duration.ofSeconds(30)).GET().build());
        } catch (RuntimeException e) {
            verifications.add(new Verification(mode, callback, -1, false)); // unreachable: not verified (§5.3)
            return;
        }
        boolean echoed = answer.status() / 100 == 2 && challenge.equals(answer.body());
        verifications.add(new Verification(mode, callback, answer.status(), echoed));
        if (!echoed) {
            return;
        }
        subscriptions.removeIf(s -> s.callback().equals(callback) && s.topic().equals(topic));
        if (mode.equals("subscribe")) {
            subscriptions.add(new Subscription(topic, callback, form.get("hub.secret"), lease, Instant.now()));
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String form(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
        verifier.shutdownNow();
    }
}
