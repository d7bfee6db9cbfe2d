package newsfeed.store.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import newsfeed.contracts.api.ApiError;
import newsfeed.store.pipeline.PipelineMonitor;

/**
 * {@code GET /api/pipeline}: per topic, records/s over the last 10 s and 1 min (end-offset deltas); per consumer group
 * and partition, the committed offset, the end offset and the lag in records, as numbers (DESIGN §6). One report is
 * answered to every request for the sampling interval ({@code newsfeed.pipeline.sample-interval}, 2 s).
 */
@Path("/api/pipeline")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    @Inject
    PipelineMonitor monitor;

    /** @throws ServiceUnavailableException (503) when Kafka does not answer */
    @GET
    public PipelineMonitor.Report report() {
        try {
            return monitor.recentReport();
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(new ApiError("pipeline state unavailable", List.of(e.getMessage()))).build());
        }
    }
}
