package newsfeed.dedup.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import newsfeed.contracts.Json;
import newsfeed.dedup.claims.Bucket;
import newsfeed.dedup.claims.JudgeProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one claim key's {@link Bucket} through Kafka Streams interactive queries: from this instance's store when
 * it holds the key's partition, else over HTTP from the instance that does (its {@code application.server}).
 */
@ApplicationScoped
public class BucketLookup {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    KafkaStreams streams;

    /**
     * @return the bucket, empty if no paragraph claims the key
     * @throws LookupUnavailableException while the store is being rebuilt or the owner cannot be reached
     */
    public Optional<Bucket> find(String claimKey) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(JudgeProcessor.STORE, claimKey,
                Serdes.String().serializer());
        try {
            return local(claimKey);
        } catch (LookupUnavailableException notHere) {
            HostInfo owner = metadata == null ? null : metadata.activeHost();
            if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE.activeHost())) {
                throw notHere;
            }
            return remote(owner, claimKey);
        }
    }

    /**
     * The bucket in this instance's store.
     *
     * @throws LookupUnavailableException when this instance does not hold the key's partition, or not yet
     */
    public Optional<Bucket> local(String claimKey) {
        try {
            int partition = streams.queryMetadataForKey(JudgeProcessor.STORE, claimKey,
                    Serdes.String().serializer()).partition();
            ReadOnlyKeyValueStore<String, Bucket> store = streams.store(StoreQueryParameters.fromNameAndType(
                    JudgeProcessor.STORE, QueryableStoreTypes.<String, Bucket>keyValueStore())
                    .withPartition(partition < 0 ? null : partition));
            return Optional.ofNullable(store.get(claimKey));
        } catch (InvalidStateStoreException e) {
            throw new LookupUnavailableException("claims store not queryable here now (" + e.getMessage() + ")", e);
        }
    }

    private Optional<Bucket> remote(HostInfo owner, String claimKey) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + FingerprintsResource.BUCKETS_PATH + "/"
                + URLEncoder.encode(claimKey, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new LookupUnavailableException("instance " + owner + " answered " + response.statusCode(), null);
            }
            return Optional.of(Json.mapper().readValue(response.body(), Bucket.class));
        } catch (IOException e) {
            throw new LookupUnavailableException("instance " + owner + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailableException("interrupted", e);
        }
    }

    /** The lookup cannot be answered now; answered 503. */
    public static class LookupUnavailableException extends RuntimeException {
        public LookupUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
