package newsfeed.dedup.claims;

import java.time.Instant;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** What the tests of the judge's state build on: its stores in memory, and posts of one paragraph under a headline. */
final class JudgeFixtures {

    private JudgeFixtures() {
    }

    /** A key-value store of bytes in memory, without changelog, as the judge's stores are typed. */
    static KeyValueStore<Bytes, byte[]> store(MockProcessorContext<Object, Object> context, String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** A post of source {@code test}: paragraph 0 the headline {@code "Headline of <postId>"}, paragraph 1 the text. */
    static NormalizedPost post(String postId, Instant at, String text) {
        List<Paragraph> paragraphs = List.of(new Paragraph(0, "Headline of " + postId, ParagraphKind.TEXT),
                new Paragraph(1, text, ParagraphKind.TEXT));
        return new NormalizedPost(postId, "test", at, at, "Headline of " + postId, null, paragraphs, List.of(),
                List.of(), null, null, 1, false);
    }
}
