package newsfeed.contracts.api;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each route of a service answers, read from its JAX-RS resource classes ({@code @Path} on the class and
 * its methods, and the methods' HTTP method annotations), for the {@code Allow} header of a 405 answer: RFC 9110
 * §15.5.6 requires it ("The origin server MUST generate an Allow header field in a 405 response containing a list of
 * the target resource's currently supported methods"), and Quarkus REST answers 405 without it. A route with GET also
 * answers HEAD, and every route OPTIONS, which Quarkus REST adds to them.
 *
 * <p>Path templates follow the JAX-RS specification (§3.7.3): a {@code {name}} parameter matches one or more
 * characters other than {@code /}, a {@code {name: regex}} parameter its regular expression; paths are matched
 * decoded, as the framework routes them, but for an encoded {@code /}, which stays inside its segment.
 */
public final class AllowedMethods {

    private static volatile AllowedMethods ofService;

    private final Map<Pattern, Set<String>> routes;

    private AllowedMethods(Map<Pattern, Set<String>> routes) {
        this.routes = routes;
    }

    /**
     * @param resources the service's resource classes; classes without {@code @Path} are left out
     * @throws IllegalArgumentException if a path template is not valid (an unclosed {@code {})
     */
    public static AllowedMethods of(Collection<Class<?>> resources) {
        Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
        for (Class<?> resource : resources) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String template = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                Set<String> verbs = byTemplate.computeIfAbsent(template, t -> new TreeSet<>());
                verbs.add(verb);
                if (verb.equals(HttpMethod.GET)) {
                    verbs.add(HttpMethod.HEAD);
                }
                verbs.add(HttpMethod.OPTIONS);
            }
        }
        Map<Pattern, Set<String>> routes = new LinkedHashMap<>();
        byTemplate.forEach((template, verbs) -> routes.put(pattern(template), Set.copyOf(verbs)));
        return new AllowedMethods(routes);
    }

    /**
     * The routes of this service: its resource classes are CDI beans (Quarkus REST makes every {@code @Path} class
     * one), read once, on the first call.
     */
    public static AllowedMethods ofService() {
        AllowedMethods known = ofService;
        if (known == null) {
            List<Class<?>> resources = new ArrayList<>();
            for (Bean<?> bean : CDI.current().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                resources.add(bean.getBeanClass());
            }
            known = of(resources);
            ofService = known;
        }
        return known;
    }

    /**
     * The answer to a method the route does not have: 405 with {@code Allow} and an {@link ApiError} naming the
     * request and the methods the route answers.
     *
     * @param method  the request's method
     * @param rawPath the request's path, percent-encoded as sent ({@code UriInfo.getRequestUri().getRawPath()})
     */
    public Response refusal(String method, String rawPath) {
        List<String> allowed = at(rawPath);
        String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
        String answers = allowed.isEmpty() ? "no method"
                : allowed.size() == 1 ? allowed.get(0)
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " and " + allowed.get(allowed.size() - 1);
        return Response.status(Response.Status.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .entity(new ApiError("method not allowed", List.of(method + " " + path + ": this route answers "
                        + answers)))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Sets the {@code Allow} header of an answer to OPTIONS to the route's methods, as a 405 names them
     * ({@link #refusal}): Quarkus REST's own lists HEAD for a route without GET (where HEAD answers 405) and every
     * method of the resource class's other routes. Other answers, and paths no route matches, are left as they are.
     *
     * @param method   the request's method
     * @param rawPath  the request's path, percent-encoded as sent
     * @param headers  the answer's headers, changed in place
     */
    public void onOptions(String method, String rawPath, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        if (!HttpMethod.OPTIONS.equals(method) || !headers.containsKey(HttpHeaders.ALLOW)) {
            return;
        }
        List<String> allowed = at(rawPath);
        if (!allowed.isEmpty()) {
            headers.putSingle(HttpHeaders.ALLOW, String.join(", ", allowed));
        }
    }

    /**
     * @param rawPath the request's path, percent-encoded as sent ({@code UriInfo.getRequestUri().getRawPath()}),
     *                with or without its leading {@code /}
     * @return the methods of every route whose template matches the path, in alphabetical order; empty when none does
     */
    public List<String> at(String rawPath) {
        String path = routable(rawPath.startsWith("/") ? rawPath : "/" + rawPath);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Set<String> allowed = new TreeSet<>();
        for (Map.Entry<Pattern, Set<String>> route : routes.entrySet()) {
            if (route.getKey().matcher(path).matches()) {
                allowed.addAll(route.getValue());
            }
        }
        return new ArrayList<>(allowed);
    }

    /**
     * The path as the framework routes it: every percent-escape decoded (UTF-8), but an encoded {@code /}, which
     * stays inside its segment (a postId holding a URL). Matched raw, {@code /api/p%6Fsts} named no route while the
     * framework answered it as {@code /api/posts} (a helper's trial).
     */
    private static String routable(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        String[] segments = rawPath.split("(?i)%2F", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                path.append("%2F");
            }
            try {
                path.append(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                path.append(segments[i]); // a malformed escape: as sent
            }
        }
        return path.toString();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        String joined = "/" + strip(classPath) + "/" + strip(methodPath);
        // a class at "/" ("" stripped) or a method without a path leaves two slashes, or one at the end
        joined = joined.replaceAll("//+", "/");
        return joined.equals("/") ? joined : joined.replaceAll("/$", "");
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** The template as a regular expression: literal text quoted, each parameter its pattern (JAX-RS §3.7.3). */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(at)));
                break;
            }
            regex.append(Pattern.quote(template.substring(at, open)));
            int close = closing(template, open);
            String parameter = template.substring(open + 1, close);
            int colon = parameter.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+" : "(?:" + parameter.substring(colon + 1).trim() + ")")
                    .append(')');
            at = close + 1;
        }
        return Pattern.compile(regex.toString());
    }

    /** The brace that closes the parameter opened at {@code open}; a regex may hold braces of its own. */
    private static int closing(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("path template " + template + ": the parameter at " + open
                + " is not closed");
    }
}
