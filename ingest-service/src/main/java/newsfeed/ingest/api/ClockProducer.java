package newsfeed.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock that stamps {@code receivedAt}, and by which the normalizer caps a receipt time in the future; a bean so
 * that tests can replace it.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
