package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import newsfeed.contracts.DeadLetter;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which failures of a record make it a dead letter, with what reason, and which stop the stream. The decoder of the
 * test stage reads the value as text and fails the way the text says.
 */
class DeadLetteringProcessorTest {

    private static final String DEAD = "dead";
    private static final String STAGE = "test-stage";

    private MockProcessorContext<String, String> context;
    private TestStage stage;
    private int deadLetters;

    @BeforeEach
    void start() {
        context = new MockProcessorContext<>();
        stage = new TestStage();
        stage.init(context);
    }

    /** A stage that forwards the decoded text, and dead letters to the child {@value #DEAD}. */
    private final class TestStage extends DeadLetteringProcessor<String, String, String> {

        TestStage() {
            super(STAGE, DeadLetteringProcessorTest::decode, () -> deadLetters++);
        }

        @Override
        protected void process(Record<byte[], byte[]> record, String value) {
            if (value.equals("stage fault")) {
                throw new IllegalStateException("the stage's own bug");
            }
            context().forward(new Record<>("key", value, record.timestamp()));
        }

        @Override
        protected void deadLetter(Record<byte[], byte[]> rejected) {
            context().forward(new Record<>("key", new String(rejected.value(), StandardCharsets.UTF_8),
                    rejected.timestamp(), rejected.headers()), DEAD);
        }
    }

    private static String decode(Record<byte[], byte[]> record) {
        String text = new String(record.value(), StandardCharsets.UTF_8);
        switch (text) {
            case "deep" -> {
                return "depth " + descend(0);
            }
            case "assertion" -> throw new AssertionError("paragraph 3 has no text");
            case "no message" -> throw new IllegalStateException();
            case "invalid" -> throw new IllegalArgumentException("body is required");
            case "out of memory" -> throw new OutOfMemoryError("Java heap space");
            case "missing class" -> throw new NoClassDefFoundError("newsfeed/Gone");
            default -> {
                return text;
            }
        }
    }

    /** Recursion as deep as the input makes it: here, without end. */
    private static int descend(int depth) {
        return descend(depth + 1) + 1;
    }

    private void pipe(String value, long offset) {
        context.setRecordMetadata("posts.raw", 2, offset);
        stage.process(new Record<>("key".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                offset));
    }

    private List<String> reasons() {
        return context.forwarded().stream().filter(f -> DEAD.equals(f.childName().orElse(null)))
                .map(f -> DeadLetter.header(f.record().headers(), DeadLetter.REASON)).toList();
    }

    private List<String> processed() {
        return context.forwarded().stream().filter(f -> f.childName().isEmpty())
                .map(f -> (String) f.record().value()).toList();
    }

    @Test
    void aStackOverflowInTheDecoderMakesTheRecordADeadLetterAndTheStreamGoesOn() {
        pipe("deep", 40);
        pipe("next", 41);

        CapturedForward<? extends String, ? extends String> dead = context.forwarded().get(0);
        assertThat(dead.childName()).contains(DEAD);
        assertThat(dead.record().value()).isEqualTo("deep");
        assertThat(DeadLetter.header(dead.record().headers(), DeadLetter.REASON))
                .isEqualTo("java.lang.StackOverflowError");
        assertThat(DeadLetter.header(dead.record().headers(), DeadLetter.STAGE)).isEqualTo(STAGE);
        assertThat(DeadLetter.header(dead.record().headers(), DeadLetter.TOPIC)).isEqualTo("posts.raw");
        assertThat(DeadLetter.header(dead.record().headers(), DeadLetter.PARTITION)).isEqualTo("2");
        assertThat(DeadLetter.header(dead.record().headers(), DeadLetter.OFFSET)).isEqualTo("40");
        assertThat(processed()).containsExactly("next");
        assertThat(deadLetters).isEqualTo(1);
    }

    @Test
    void anyOtherThrowableOfTheDecoderIsTheRecordsWithItsClassOrMessageAsReason() {
        pipe("assertion", 1);
        pipe("no message", 2);
        pipe("invalid", 3);
        pipe("fine", 4);

        assertThat(reasons()).containsExactly("java.lang.AssertionError: paragraph 3 has no text",
                "java.lang.IllegalStateException", "body is required");
        assertThat(processed()).containsExactly("fine");
        assertThat(deadLetters).isEqualTo(3);
    }

    @Test
    void runningOutOfMemoryOrAMissingClassIsNotTheRecordsFaultAndStopsTheStream() {
        assertThatThrownBy(() -> pipe("out of memory", 1)).isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() -> pipe("missing class", 2)).isInstanceOf(NoClassDefFoundError.class);

        assertThat(context.forwarded()).isEmpty();
        assertThat(deadLetters).isZero();
    }

    @Test
    void aFailureAfterDecodingIsTheStagesOwnAndStopsTheStream() {
        assertThatThrownBy(() -> pipe("stage fault", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the stage's own bug");

        assertThat(context.forwarded()).isEmpty();
        assertThat(deadLetters).isZero();
    }
}
