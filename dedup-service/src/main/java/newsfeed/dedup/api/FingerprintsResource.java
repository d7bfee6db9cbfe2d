package newsfeed.dedup.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.claims.Bucket;
import newsfeed.dedup.fingerprint.CandidateRule;
import newsfeed.dedup.fingerprint.ClaimKeys;
import newsfeed.dedup.fingerprint.Fingerprints;
import newsfeed.dedup.fingerprint.NearDuplicateRule;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.message.Claimant;
import newsfeed.dedup.topology.DedupSettings;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code GET /api/fingerprints?text=...}: which post first published a paragraph, and its near copies, from the
 * dedup state (Kafka Streams interactive queries). Answer:
 * {@code {"candidate": bool, "firstPublished": {postId, position, publishedAt}|null, "copies": [...],
 * "nearCopies": [{postId, position, publishedAt, similarity}], "completeCopies": [...]}} — copies are the exact
 * ones, complete copies those a truncated text previews. 400 without text; 503 while the state is being rebuilt.
 */
@Path("/api/fingerprints")
@Produces(MediaType.APPLICATION_JSON)
public class FingerprintsResource {

    static final String BUCKETS_PATH = "/api/fingerprints/buckets";

    private final ParagraphFingerprinter fingerprinter = new ParagraphFingerprinter();

    @Inject
    BucketLookup buckets;

    @Inject
    DedupSettings settings;

    /** A paragraph of a post, as the report shows it. */
    public record Copy(String postId, int position, Instant publishedAt, Double similarity) {
    }

    /** The answer. */
    public record Report(boolean candidate, Copy firstPublished, List<Copy> copies, List<Copy> nearCopies,
            List<Copy> completeCopies) {
    }

    @GET
    public Report lookup(@QueryParam("text") String text) {
        String key = text == null ? "" : ParagraphKey.of(text);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("query parameter text is required and must hold words");
        }
        Fingerprints fingerprints = fingerprinter.fingerprint(key);
        NearDuplicateRule near = new NearDuplicateRule(settings.minJaccard());
        List<Copy> copies = new ArrayList<>();
        Map<String, Copy> nearCopies = new LinkedHashMap<>();
        Map<String, Copy> complete = new LinkedHashMap<>();
        String stem = ParagraphKey.truncationStem(key);
        for (String claimKey : fingerprints.claimKeys()) {
            ClaimKeys kind = ClaimKeys.of(claimKey);
            for (Bucket.Entry entry : buckets.find(claimKey).map(Bucket::entries).orElse(List.of())) {
                Claimant c = entry.claimant();
                String id = c.postId() + "#" + c.position();
                switch (kind) {
                    case EXACT -> {
                        if (c.key().equals(key)) {
                            copies.add(copy(c, 1.0));
                        }
                    }
                    case SIMHASH, MINHASH -> {
                        OptionalDouble similarity = near.similarity(c.key(), key);
                        if (similarity.isPresent()) {
                            nearCopies.putIfAbsent(id, copy(c, similarity.getAsDouble()));
                        }
                    }
                    case HEAD -> {
                        if (fingerprints.truncated() && !ParagraphKey.isTruncated(c.key())
                                && c.key().length() > stem.length() && c.key().startsWith(stem)) {
                            complete.putIfAbsent(id, copy(c, (double) stem.length() / c.key().length()));
                        }
                    }
                    default -> throw new IllegalStateException("unknown claim kind " + kind);
                }
            }
        }
        Comparator<Copy> order = Comparator.comparing(Copy::publishedAt).thenComparing(Copy::postId)
                .thenComparingInt(Copy::position);
        copies.sort(order);
        boolean candidate = CandidateRule.isCandidate(new Paragraph(0, text, ParagraphKind.TEXT), key);
        return new Report(candidate, copies.isEmpty() ? null : copies.get(0), copies,
                nearCopies.values().stream().sorted(order).toList(),
                complete.values().stream().sorted(order).toList());
    }

    /** This instance's bucket of a claim key: how other instances answer {@link #lookup} for keys they do not own. */
    @GET
    @Path("buckets/{claimKey}")
    public Bucket bucket(@PathParam("claimKey") String claimKey) {
        return buckets.local(claimKey).orElseThrow(() -> new NotFoundException("no claims under " + claimKey));
    }

    private static Copy copy(Claimant c, double similarity) {
        return new Copy(c.postId(), c.position(), c.publishedAt(), similarity);
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new ApiError("invalid request", List.of(e.getMessage()))).build();
    }

    @ServerExceptionMapper
    public Response unavailable(BucketLookup.LookupUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("dedup state unavailable; retry later", List.of(e.getMessage()))).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("not found", List.of(String.valueOf(e.getMessage())))).build();
    }
}
