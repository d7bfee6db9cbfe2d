package newsfeed.dedup.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsfeed.contracts.Json;
import newsfeed.dedup.claims.ClaimIndexReader;
import newsfeed.dedup.claims.JudgedParagraph;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.topology.DedupSettings;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the paragraphs that claim one claim key, with their key text, through Kafka Streams interactive queries:
 * from this instance's judge state when it holds the key's partition, else over HTTP from the instance that does
 * (its {@code application.server}).
 */
@ApplicationScoped
public class ClaimLookup {

    /** Most claimants read per claim key. */
    static final int LIMIT = 1_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A paragraph that claims a key. */
    public record Claimant(String postId, int position, Instant publishedAt, String key) {
    }

    @Inject
    KafkaStreams streams;

    @Inject
    DedupSettings settings;

    /**
     * @return up to {@value #LIMIT} claimants, earliest first
     * @throws LookupUnavailableException while the state is being rebuilt or the owner cannot be reached
     */
    public List<Claimant> claimants(ClaimKey key) {
        int partition = key.partition(settings.claimPartitions());
        StreamPartitioner<String, Object> toPartition = (topic, k, v, n) -> Optional.of(Set.of(partition));
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ClaimIndexReader.CLAIMS, "", toPartition);
        try {
            return local(key);
        } catch (LookupUnavailableException notHere) {
            HostInfo owner = metadata == null ? null : metadata.activeHost();
            if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE.activeHost())) {
                throw notHere;
            }
            return remote(owner, key);
        }
    }

    /**
     * The claimants in this instance's state.
     *
     * @throws LookupUnavailableException when this instance does not hold the key's partition, or not yet
     */
    public List<Claimant> local(ClaimKey key) {
        int partition = key.partition(settings.claimPartitions());
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> claims = streams.store(StoreQueryParameters.fromNameAndType(
                    ClaimIndexReader.CLAIMS, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                    .withPartition(partition));
            ReadOnlyKeyValueStore<Bytes, byte[]> paragraphs = streams.store(StoreQueryParameters.fromNameAndType(
                    ClaimIndexReader.PARAGRAPHS, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                    .withPartition(partition));
            ClaimIndexReader reader = new ClaimIndexReader(paragraphs, claims);
            List<Claimant> out = new ArrayList<>();
            for (ClaimIndexReader.Entry e : reader.entries(key, LIMIT)) {
                JudgedParagraph p = reader.paragraph(partition, e.postId(), e.position());
                if (p != null) {
                    out.add(new Claimant(p.postId(), p.position(), p.publishedAt(), p.key()));
                }
            }
            return out;
        } catch (InvalidStateStoreException e) {
            throw new LookupUnavailableException("claims store not queryable here now (" + e.getMessage() + ")", e);
        }
    }

    private List<Claimant> remote(HostInfo owner, ClaimKey key) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + FingerprintsResource.CLAIMS_PATH + "/"
                + key.kind().name().toLowerCase(java.util.Locale.ROOT) + "/" + key.high() + "/" + key.low());
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LookupUnavailableException("instance " + owner + " answered " + response.statusCode(), null);
            }
            return List.of(Json.mapper().readValue(response.body(), Claimant[].class));
        } catch (IOException e) {
            throw new LookupUnavailableException("instance " + owner + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailableException("interrupted", e);
        }
    }

    /** Parses the kind of a claim key as written in {@link FingerprintsResource#CLAIMS_PATH} URLs. */
    static ClaimKind kind(String name) {
        return ClaimKind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** The lookup cannot be answered now; answered 503. */
    public static class LookupUnavailableException extends RuntimeException {
        public LookupUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
