package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import newsfeed.contracts.Topics;
import org.junit.jupiter.api.Test;

/**
 * Idempotence (issue 3, acceptance 3): each stage restarted with its consumer group rewound to offset 0, so that
 * every record it ever read is delivered again, leaves every stored row exactly as it was: revisions, timestamps,
 * paragraphs and all.
 */
class RedeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void reDeliveringEveryRecordToEachStageChangesNothingStored() throws Exception {
        Pipeline pipeline = Pipeline.shared();
        Api.Response imported = Api.importText(pipeline.ingestUrl, "redelivery", Paths.sample());
        assertThat(imported.status()).isEqualTo(202);
        int posts = imported.json().get("accepted").asInt();
        await().atMost(WAIT).until(() -> Api.listAll(pipeline.storeUrl, "redelivery").size() == posts);
        awaitQuiet();
        String before = StoreSnapshot.of(pipeline.jdbcUrl, "true");
        assertThat(before).contains("post_id=redelivery:");

        pipeline.restart(Pipeline.INGEST, () -> KafkaGroups.rewind(KafkaGroups.NORMALIZER, Topics.POSTS_RAW));
        awaitQuiet();
        assertThat(StoreSnapshot.of(pipeline.jdbcUrl, "true")).as("after the normalizer read posts.raw again")
                .isEqualTo(before);

        pipeline.restart(Pipeline.DEDUP, () -> KafkaGroups.rewind(KafkaGroups.DEDUP, Topics.POSTS_NORMALIZED));
        awaitQuiet();
        assertThat(StoreSnapshot.of(pipeline.jdbcUrl, "true")).as("after dedup read posts.normalized again")
                .isEqualTo(before);

        pipeline.restart(Pipeline.STORE, () -> KafkaGroups.rewind(KafkaGroups.STORE, Topics.POSTS_DEDUPLICATED));
        awaitQuiet();
        assertThat(StoreSnapshot.of(pipeline.jdbcUrl, "true")).as("after the store read posts.deduplicated again")
                .isEqualTo(before);
    }

    /** Waits until every stage has processed everything upstream of it, in pipeline order. */
    private static void awaitQuiet() throws Exception {
        KafkaGroups.awaitProcessed(KafkaGroups.NORMALIZER, Topics.POSTS_RAW, WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.DEDUP, Topics.POSTS_NORMALIZED, WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.DEDUP, "newsfeed-dedup-claims-repartition", WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.DEDUP, "newsfeed-dedup-decisions-repartition", WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.STORE, Topics.POSTS_DEDUPLICATED, WAIT);
    }
}
