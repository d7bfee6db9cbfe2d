package newsfeed.ingest.api;

import java.util.List;
import newsfeed.contracts.api.ApiError;

/** A request rejected before anything was sent to Kafka; answered 400 with an {@link ApiError}. */
public class InvalidRequestException extends RuntimeException {

    private final transient ApiError error;

    public InvalidRequestException(String error, List<String> details) {
        super(error + ": " + String.join("; ", details));
        this.error = new ApiError(error, details);
    }

    public ApiError error() {
        return error;
    }
}
