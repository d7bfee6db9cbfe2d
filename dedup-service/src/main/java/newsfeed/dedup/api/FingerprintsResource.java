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
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.fingerprint.ParagraphSignature;
import newsfeed.dedup.rules.RemovalRules;
import newsfeed.dedup.topology.DedupSettings;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code GET /api/fingerprints?text=...}: which post first published a paragraph, and its near copies, from the
 * dedup state (Kafka Streams interactive queries), by the same {@link RemovalRules} the judge applies. Answer:
 * {@code {"candidate": bool, "firstPublished": {postId, position, publishedAt}|null, "copies": [...],
 * "nearCopies": [{postId, position, publishedAt, similarity}], "completeCopies": [...]}} — copies are the exact
 * ones, near copies the paragraphs of which the text is a near copy, complete copies those a truncated text
 * previews. Up to {@value ClaimLookup#LIMIT} paragraphs are read per claim key. 400 without text; 503 while the state
 * is being rebuilt.
 */
@Path("/api/fingerprints")
@Produces(MediaType.APPLICATION_JSON)
public class FingerprintsResource {

    static final String CLAIMS_PATH = "/api/fingerprints/claims";

    private final ParagraphFingerprinter fingerprinter = new ParagraphFingerprinter();

    @Inject
    ClaimLookup lookup;

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
        RemovalRules rules = new RemovalRules(settings.minJaccard());
        ParagraphSignature signature = fingerprinter.fingerprint(key);
        Map<String, Copy> copies = new LinkedHashMap<>();
        Map<String, Copy> nearCopies = new LinkedHashMap<>();
        Map<String, Copy> complete = new LinkedHashMap<>();
        boolean truncated = ParagraphKey.isTruncated(key);
        // each kind of claim key is matched as the judge matches it (ClaimJudge.Session.judge), by RemovalRules
        for (ClaimKey claimKey : signature.claimKeys()) {
            if (claimKey.kind() == ClaimKind.PREVIEW) {
                // a preview meets its complete paragraphs under their head key, the same window hash
                if (RemovalRules.isPreview(key)) {
                    for (ClaimLookup.Claimant c : lookup.claimants(claimKey.as(ClaimKind.HEAD))) {
                        OptionalDouble share = RemovalRules.previewOf(key, c.key());
                        if (share.isPresent()) {
                            complete.putIfAbsent(c.postId() + "#" + c.position(), copy(c, share.getAsDouble()));
                        }
                    }
                }
                continue;
            }
            for (ClaimLookup.Claimant c : lookup.claimants(claimKey)) {
                String id = c.postId() + "#" + c.position();
                if (claimKey.kind() == ClaimKind.EXACT) {
                    if (RemovalRules.isExactCopy(c.key(), key)) {
                        copies.putIfAbsent(id, copy(c, 1.0));
                    }
                } else if (!truncated) {
                    OptionalDouble similarity = rules.nearCopy(c.key(), key);
                    if (similarity.isPresent()) {
                        nearCopies.putIfAbsent(id, copy(c, similarity.getAsDouble()));
                    }
                }
            }
        }
        Comparator<Copy> order = (a, b) -> RemovalRules.compare(a.publishedAt(), a.postId(), a.position(),
                b.publishedAt(), b.postId(), b.position());
        List<Copy> exact = new ArrayList<>(copies.values());
        exact.sort(order);
        boolean candidate = RemovalRules.isCandidate(new Paragraph(0, text, ParagraphKind.TEXT), key);
        return new Report(candidate, exact.isEmpty() ? null : exact.get(0), exact,
                nearCopies.values().stream().sorted(order).toList(),
                complete.values().stream().sorted(order).toList());
    }

    /** This instance's claimants of a claim key: how other instances answer {@link #lookup} for keys they do not own. */
    @GET
    @Path("claims/{kind}/{high}/{low}")
    public List<ClaimLookup.Claimant> claimants(@PathParam("kind") String kind, @PathParam("high") long high,
            @PathParam("low") long low) {
        try {
            return lookup.local(new ClaimKey(ClaimLookup.kind(kind), high, low));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no claim kind " + kind);
        }
    }

    private static Copy copy(ClaimLookup.Claimant c, double similarity) {
        return new Copy(c.postId(), c.position(), c.publishedAt(), similarity);
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new ApiError("invalid request", List.of(e.getMessage()))).build();
    }

    @ServerExceptionMapper
    public Response unavailable(ClaimLookup.LookupUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("dedup state unavailable; retry later", List.of(e.getMessage()))).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new ApiError("not found", List.of(String.valueOf(e.getMessage())))).build();
    }
}
