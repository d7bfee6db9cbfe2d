package newsfeed.ingest.api;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.kafka.RawPostPublisher.PublishException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures to JSON {@link ApiError} responses with the right status. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(e.error()).build();
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(PublishException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("posts not accepted: Kafka unavailable; retry later", List.of(e.getMessage())))
                .build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        String got = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                .entity(new ApiError("unsupported content type",
                        List.of("got " + (got == null ? "no Content-Type" : got)
                                + "; /api/posts takes application/json, /api/imports/text takes text/plain")))
                .build();
    }
}
