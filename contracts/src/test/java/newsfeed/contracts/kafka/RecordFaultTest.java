package newsfeed.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which decoding failures are a record's fault, and the reason its dead letter carries. */
class RecordFaultTest {

    @Test
    void anExceptionIsTheRecordsFaultWithItsMessageAsReason() {
        assertThat(RecordFault.reason(new IllegalArgumentException("field body: missing"))).isEqualTo(
                "field body: missing");
        assertThat(RecordFault.reason(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void aStackOverflowAndAnAssertionAreTheRecordsFaultToo() {
        assertThat(RecordFault.reason(new StackOverflowError())).isEqualTo("java.lang.StackOverflowError");
        assertThat(RecordFault.reason(new AssertionError("position 3"))).isEqualTo(
                "java.lang.AssertionError: position 3");
    }

    @Test
    void runningOutOfMemoryOrAMissingClassIsNeverARecordsFault() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThatThrownBy(() -> RecordFault.reason(oom)).isSameAs(oom);
        NoClassDefFoundError missing = new NoClassDefFoundError("newsfeed/Gone");
        assertThatThrownBy(() -> RecordFault.reason(missing)).isSameAs(missing);
    }
}
