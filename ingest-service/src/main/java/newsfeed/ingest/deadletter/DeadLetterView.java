package newsfeed.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import newsfeed.contracts.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One record of {@code posts.dead-letter} as {@code GET /api/dead-letters} shows it.
 *
 * @param partition         its partition in {@code posts.dead-letter}: with {@code offset}, its identity
 * @param offset            its offset there
 * @param key               the original key (the postId), UTF-8, malformed bytes replaced; null when it has none
 * @param timestamp         the dead letter's Kafka timestamp (when the stage rejected the record)
 * @param stage             header {@code dead-letter-stage}: {@code normalizer}, {@code dedup}, {@code store}
 * @param reason            header {@code dead-letter-reason}: why the stage rejected it
 * @param originalTopic     header {@code dead-letter-topic}: where the record was read, where a replay sends it
 * @param originalPartition header {@code dead-letter-partition}, null when absent or not a number
 * @param originalOffset    header {@code dead-letter-offset}, null when absent or not a number
 * @param replayedFrom      header {@code dead-letter-replayed-from}: the earlier dead letter a replay sent this
 *                          record back from ({@code posts.dead-letter/<partition>/<offset>}), null when none
 * @param valuePreview      the first {@value #PREVIEW_CHARS} characters of the value decoded as UTF-8, malformed
 *                          bytes replaced by U+FFFD; null for a null value
 * @param valueSize         the value's size in bytes (0 for a null value)
 */
public record DeadLetterView(int partition, long offset, String key, Instant timestamp, String stage, String reason,
        String originalTopic, Integer originalPartition, Long originalOffset, String replayedFrom,
        String valuePreview, int valueSize) {

    /**
     * Characters (code points) of the value shown: enough to recognise a post or see where its JSON breaks, little
     * enough that a page of 1,000 dead letters of 1 MB each stays small.
     */
    public static final int PREVIEW_CHARS = 300;

    /** UTF-8 takes at most 4 bytes a character; the 4 more let a character cut at the end go without a shortfall. */
    private static final int PREVIEW_BYTES = PREVIEW_CHARS * 4 + 4;

    static DeadLetterView of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        byte[] value = record.value();
        return new DeadLetterView(record.partition(), record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(record.timestamp()),
                DeadLetter.header(headers, DeadLetter.STAGE),
                DeadLetter.header(headers, DeadLetter.REASON),
                DeadLetter.header(headers, DeadLetter.TOPIC),
                number(DeadLetter.header(headers, DeadLetter.PARTITION), Integer::valueOf),
                number(DeadLetter.header(headers, DeadLetter.OFFSET), Long::valueOf),
                DeadLetter.header(headers, DeadLetter.REPLAYED_FROM),
                value == null ? null : preview(value),
                value == null ? 0 : value.length);
    }

    /** The first {@value #PREVIEW_CHARS} code points; only the bytes they can take are decoded. */
    static String preview(byte[] value) {
        // new String replaces malformed input with U+FFFD (it never throws)
        String text = new String(value, 0, Math.min(value.length, PREVIEW_BYTES), StandardCharsets.UTF_8);
        return text.codePointCount(0, text.length()) <= PREVIEW_CHARS ? text
                : text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS));
    }

    private static <T> T number(String text, Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
