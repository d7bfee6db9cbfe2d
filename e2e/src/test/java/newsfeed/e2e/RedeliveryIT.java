package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
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
        Api.Response imported = Api.importText(pipeline.ingestUrl, "redelivery", dumpOfItsOwn());
        assertThat(imported.status()).isEqualTo(202);
        int posts = imported.json().get("accepted").asInt();
        await().atMost(WAIT).until(() -> Api.listAll(pipeline.storeUrl, "redelivery").size() == posts);
        awaitQuiet();
        String before = StoreSnapshot.of(pipeline.jdbcUrl, "true");
        assertThat(before).contains("post_id=redelivery:").contains("reason=PUBLISHED_BEFORE")
                .contains("reason=REPEATED_IN_POST");

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

    /**
     * A dump whose text no other test uses (the pipeline is shared), with a repeat inside a post and a paragraph that
     * the second post publishes again, so that there are decisions of every kind to re-make.
     */
    private static Path dumpOfItsOwn() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shared = "The lighthouse keepers' union of run " + run + " voted to accept the new rota after a "
                + "long meeting in the harbour hall on Tuesday evening.";
        String dump = String.join("\n",
                "🗼 Lighthouse keepers accept new rota (" + run + ")",
                shared,
                "The rota takes effect next month and covers all eleven stations on the northern coast.",
                "Read in full",
                shared,
                "The rota takes effect next month and covers all eleven stations on the northern coast.",
                "---",
                "⚓️ Harbour hall to host keepers' assembly again (" + run + ")",
                shared,
                "Organisers expect about two hundred keepers and their families at the spring assembly.");
        Path file = Files.createTempFile(Path.of("target"), "redelivery-", ".txt");
        Files.writeString(file, dump);
        return file;
    }

    /** Waits until every stage has processed everything upstream of it, in pipeline order. */
    private static void awaitQuiet() throws Exception {
        KafkaGroups.awaitProcessed(KafkaGroups.NORMALIZER, Topics.POSTS_RAW, WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.DEDUP, Topics.POSTS_NORMALIZED, WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.DEDUP, "newsfeed-dedup-v3-claims-repartition", WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.DEDUP, "newsfeed-dedup-v3-verdicts-repartition", WAIT);
        KafkaGroups.awaitProcessed(KafkaGroups.STORE, Topics.POSTS_DEDUPLICATED, WAIT);
    }
}
