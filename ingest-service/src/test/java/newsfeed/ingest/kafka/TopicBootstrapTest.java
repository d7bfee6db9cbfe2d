package newsfeed.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.TopicProvisioner;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The topics ingest-service creates at start carry the settings of {@link TopicProvisioner#TOPIC_CONFIGS}. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TopicBootstrapTest {

    @Test
    void createdTopicsHaveTheRetentionAndCleanupPolicyOfTheCode() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            List<ConfigResource> resources = TopicBootstrap.TOPICS.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                Map<String, String> expected = TopicProvisioner.TOPIC_CONFIGS.get(resource.name());
                assertThat(expected).as("settings of %s in the code", resource.name()).isNotEmpty();
                expected.forEach((name, value) -> assertThat(configs.get(resource).get(name).value())
                        .as("%s of %s", name, resource.name()).isEqualTo(value));
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.POSTS_RAW))
                    .get("retention.ms").value()).isEqualTo("604800000");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.FEEDS_SUBSCRIPTIONS))
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.FEEDS_SEEN_ITEMS))
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
