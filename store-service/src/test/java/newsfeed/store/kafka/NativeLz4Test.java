package newsfeed.store.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import newsfeed.testsupport.KafkaLz4;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** store-service's Kafka clients compress and decompress lz4 natively (NativeLz4, loaded at start by TopicBootstrap). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class NativeLz4Test {

    @Test
    void kafkasLz4CodecIsTheNativeOne() throws Exception {
        assertThat(KafkaLz4.notNative()).as("parts of Kafka's lz4 codec that are not JNI").isEmpty();
    }
}
