package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import newsfeed.ingest.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class TelegramChannelRequestTest {

    private static TelegramChannelRequest read(String json) {
        return TelegramChannelRequest.read(json.getBytes(StandardCharsets.UTF_8), 10, 86_400, 100);
    }

    @Test
    void aValidRequest() {
        assertThat(read("{\"channel\":\"@Harbour_Desk\",\"intervalSeconds\":300,\"backfill\":5}"))
                .isEqualTo(new TelegramChannelRequest("harbour_desk", 300, 5, null, null));
    }

    /** As for feeds: a misspelt {@code back_fill} would otherwise publish the default 20 posts, silently. */
    @Test
    void aFieldTheRequestDoesNotTakeIsRefusedWithTheFieldMeant() {
        assertThatThrownBy(() -> read("{\"channel\":\"harbour_desk\",\"intervalSeconds\":300,\"back_fill\":0,"
                + "\"url\":\"https://t.me/s/harbour_desk\"}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.error().error()).isEqualTo("invalid channel subscription");
                    assertThat(e.error().details()).containsExactly(
                            "back_fill: not a field of a channel subscription; did you mean backfill?",
                            "url: not a field of a channel subscription");
                });
    }
}
