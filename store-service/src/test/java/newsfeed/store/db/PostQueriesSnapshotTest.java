package newsfeed.store.db;

import static newsfeed.store.TestDecisions.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import newsfeed.store.api.PostViews;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * The reads of the event stream and of one post see one state of the database, whatever is written while they read:
 * a revision committed between the statements of a read is not half in it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PostQueriesSnapshotTest {

    private static final Instant PUBLISHED = Instant.parse("2025-06-01T08:00:00Z");

    @Inject
    PostRepository repository;

    @Inject
    DataSource dataSource;

    /**
     * PostQueries over a data source that runs {@code write} once, just before the {@code nth} statement prepared
     * through it: a write committed by another transaction in the middle of a read.
     */
    private PostQueries queriesWritingBefore(int nth, Runnable write) {
        AtomicInteger prepared = new AtomicInteger();
        DataSource source = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && prepared.incrementAndGet() == nth) {
                                    write.run();
                                }
                                return invoke(m, connection, a);
                            });
                });
        PostQueries queries = new PostQueries();
        queries.dataSource = source;
        return queries;
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theEventStreamsPageHoldsThePostsAsListedWhenOneIsRevisedMeanwhile() {
        // helper trial (code reading): a post revised between the listing and its read came with its new event id
        // ahead of the next post, whose lower id every stream then dropped as already sent
        String source = "snap" + UUID.randomUUID().toString().substring(0, 8);
        repository.upsert(decision(source + ":a", PUBLISHED, 3, 0, 1));
        repository.upsert(decision(source + ":b", PUBLISHED.plusSeconds(60), 3, 0, 1));
        PostQueries plain = new PostQueries();
        plain.dataSource = dataSource;
        long a = plain.find(source + ":a").orElseThrow().eventId();
        long b = plain.find(source + ":b").orElseThrow().eventId();

        // statement 1 lists the events; the revision of a comes before a is read
        List<PostViews.Detail> page = queriesWritingBefore(2,
                () -> repository.upsert(decision(source + ":a", PUBLISHED, 3, 1, 2))).changedSince(a - 1, 10);

        assertThat(page).extracting(PostViews.Detail::postId).startsWith(source + ":a", source + ":b");
        assertThat(page).extracting(PostViews.Detail::eventId).isSorted().startsWith(a, b);
        assertThat(page.get(0).revision()).isEqualTo(1);
        // the revision is the next page's event
        assertThat(plain.changedSince(b, 10)).extracting(PostViews.Detail::postId).contains(source + ":a");
    }

    @Test
    void aPostIsReadInOneVersionWhenItIsRevisedBetweenItsRowAndItsParagraphs() {
        String source = "snap" + UUID.randomUUID().toString().substring(0, 8);
        repository.upsert(decision(source + ":a", PUBLISHED, 4, 0, 1));

        // statement 1 reads the post's row, statement 2 its paragraphs: revision 2 removes one more paragraph
        PostViews.Detail post = queriesWritingBefore(2,
                () -> repository.upsert(decision(source + ":a", PUBLISHED, 4, 2, 2))).find(source + ":a")
                .orElseThrow();

        assertThat(post.revision()).isEqualTo(1);
        assertThat(post.removed()).isEmpty();
        assertThat(post.paragraphs()).hasSize(4);
    }
}
