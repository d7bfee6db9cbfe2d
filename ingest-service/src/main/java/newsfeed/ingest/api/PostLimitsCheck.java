package newsfeed.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.RawPost;
import newsfeed.ingest.normalize.PostNormalizer;

/**
 * Refuses a request whose posts the normalizer would refuse for their size ({@code newsfeed.normalizer.max-body-chars},
 * {@code max-paragraphs}) or an attribute (an edit time it cannot read or the store cannot keep), before anything is
 * sent: accepted (202), such a post would only reach the dead-letter topic. The rules and their messages are the
 * normalizer's own ({@link PostNormalizer#exceededLimit}, {@link PostNormalizer#attributeProblem}).
 */
@ApplicationScoped
public class PostLimitsCheck {

    @Inject
    PostNormalizer normalizer;

    /**
     * @throws InvalidRequestException {@code "invalid posts"}, one detail per post above a limit, {@code [i]} its index
     *                                 when there are several posts
     */
    public void check(List<RawPost> posts) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            String prefix = posts.size() > 1 ? "[" + i + "] " : "";
            normalizer.exceededLimit(posts.get(i)).ifPresent(reason -> refused.add(prefix + reason));
            PostNormalizer.attributeProblem(posts.get(i)).ifPresent(reason -> refused.add(prefix + reason));
        }
        if (!refused.isEmpty()) {
            throw new InvalidRequestException("invalid posts", refused);
        }
    }
}
