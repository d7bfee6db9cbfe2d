package newsfeed.ingest.deadletter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/dead-letters/replay}: {@code {"records": [{"partition": 0, "offset": 12}, ...]}}, the
 * dead letters to send back, 1 to {@value #MAX_RECORDS} of them, each once, with a partition and an offset of 0 or
 * more. Other fields are ignored.
 *
 * @param records the dead letters, by their identity in {@code posts.dead-letter}
 */
public record ReplayRequest(
        @NotNull @Size(min = 1, max = MAX_RECORDS) List<@NotNull @Valid DeadLetterId> records) {

    /**
     * Most dead letters per request: each is looked up with a seek and a fetch of its own within the read timeout,
     * and a replay of more is several requests.
     */
    public static final int MAX_RECORDS = 100;
}
