package newsfeed.ingest.telegram;

import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.PrimitiveIterator;
import newsfeed.contracts.Json;
import newsfeed.contracts.PostId;
import newsfeed.ingest.telegram.TelegramImportResult.ImportedChat;

/**
 * The 202 body of {@code POST /api/imports/telegram}, written as a stream so that the postIds of a huge export are
 * never all in memory as strings:
 *
 * <pre>{@code
 * {"accepted": 3,
 *  "postIds": ["lantern-bay:101", "lantern-bay:102", "lantern-bay:104"],
 *  "skipped": {"service": 1},
 *  "chats": [{"source": "lantern-bay", "name": "Lantern Bay", "type": "public_channel", "id": 1770001, "accepted": 3}]}
 * }</pre>
 *
 * {@code postIds} are in export order; {@code skipped} counts messages not imported by reason (see
 * {@link TelegramImportResult#skipped()}); {@code chats} lists the imported chats with the source each got.
 */
public final class TelegramImportAnswer implements StreamingOutput {

    private final TelegramImportResult result;

    public TelegramImportAnswer(TelegramImportResult result) {
        this.result = result;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        JsonGenerator json = Json.mapper().getFactory().createGenerator(output)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeNumberField("accepted", result.accepted());
        json.writeArrayFieldStart("postIds");
        for (ImportedChat chat : result.chats()) {
            for (PrimitiveIterator.OfLong ids = chat.ids().iterator(); ids.hasNext(); ) {
                json.writeString(PostId.of(chat.source(), Long.toString(ids.nextLong())));
            }
        }
        json.writeEndArray();
        json.writeObjectFieldStart("skipped");
        for (var skipped : result.skipped().entrySet()) {
            json.writeNumberField(skipped.getKey(), skipped.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("chats");
        for (ImportedChat chat : result.chats()) {
            json.writeStartObject();
            json.writeStringField("source", chat.source());
            json.writeStringField("name", chat.chat().name());
            json.writeStringField("type", chat.chat().type());
            if (chat.chat().id() == null) {
                json.writeNullField("id");
            } else {
                json.writeNumberField("id", chat.chat().id());
            }
            json.writeNumberField("accepted", chat.ids().size());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }
}
