package newsfeed.ingest.api;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Marks a route that reads a JSON body: JSON exchanged between systems is UTF-8 (RFC 8259 §8.1), so a body declared
 * in another charset ({@code Content-Type: application/json; charset=iso-8859-1}, or a charset that does not exist)
 * is answered 415 before it is read, instead of being read as UTF-8 anyway. No {@code charset} means UTF-8.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Utf8Json {

    /** The check of {@link Utf8Json} routes; its 415 is written by {@link ErrorMappers}. */
    class Check {

        @ServerRequestFilter
        @Utf8Json
        public void charset(ContainerRequestContext request) {
            MediaType type = request.getMediaType();
            if (type != null && !isUtf8(type)) {
                throw new NotSupportedException("JSON is UTF-8");
            }
        }

        /** Whether a media type names no charset or UTF-8 ({@code utf8} too, as many clients write it). */
        public static boolean isUtf8(MediaType type) {
            String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            return charset == null || StandardCharsets.UTF_8.name().equalsIgnoreCase(charset.strip())
                    || "utf8".equalsIgnoreCase(charset.strip());
        }
    }
}
