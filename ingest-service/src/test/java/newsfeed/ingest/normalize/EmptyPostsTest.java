package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import org.junit.jupiter.api.Test;

class EmptyPostsTest {

    private static RawPost item(String title, String url, String body, Map<String, String> attributes) {
        return new RawPost(PostId.of("bay", "bay-5"), "bay", "bay-5", SourceType.RSS,
                Instant.parse("2026-12-07T10:00:00Z"), null, title, url, RawPost.TEXT_HTML, body, attributes);
    }

    @Test
    void whyEmptyNamesWhatIsMissing() {
        assertThat(EmptyPosts.whyEmpty(null, " \u200b\n", RawPost.TEXT_PLAIN))
                .isEqualTo("body is blank and the post has no title");
        assertThat(EmptyPosts.whyEmpty("", "<p><img src=\"x.png\"></p>", RawPost.TEXT_HTML))
                .isEqualTo("body shows no text (text/html) and the post has no title");
        assertThat(EmptyPosts.whyEmpty("Tug returns", "", RawPost.TEXT_PLAIN)).isNull();
        assertThat(EmptyPosts.whyEmpty(null, "<p>7</p>", RawPost.TEXT_HTML)).isNull();
    }

    @Test
    void aFeedItemOfALinkOrAnEnclosureAloneNamesSomething() {
        assertThat(EmptyPosts.namesNothing(item(null, null, "<p></p>", Map.of()))).isTrue();
        assertThat(EmptyPosts.namesNothing(item(null, "https://bay.example/5", "<p></p>", Map.of()))).isFalse();
        assertThat(EmptyPosts.namesNothing(item(null, null, "",
                Map.of(RawPost.ATTR_LINKS, "https://bay.example/ep5.mp3")))).isFalse();
        // a media type without any address to it names nothing to fetch
        assertThat(EmptyPosts.namesNothing(item(null, null, "", Map.of(RawPost.ATTR_MEDIA_TYPE, "audio/mpeg"))))
                .isTrue();
        assertThat(EmptyPosts.namesNothing(item("Tug returns", null, "", Map.of()))).isFalse();
    }
}
