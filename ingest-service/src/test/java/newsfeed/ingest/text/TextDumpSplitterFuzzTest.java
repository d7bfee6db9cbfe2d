package newsfeed.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import newsfeed.ingest.normalize.ParagraphRules;
import newsfeed.ingest.normalize.Paragraphs;
import newsfeed.ingest.normalize.TextCleaner;

/**
 * Fuzzes {@link TextDumpSplitter#split} over cleaned text, as the import hands it (issue 10; README "Fuzzing"). Besides
 * throwing nothing and returning within the per-input timeout: every post's paragraphs are paragraphs of the dump, in
 * dump order, none used twice; its body joins them as the dump's paragraph mode does; its first paragraph is content
 * (not empty, not link text, not an elision marker) taken from its body.
 */
class TextDumpSplitterFuzzTest {

    private final ParagraphRules rules = ParagraphRules.defaults();
    private final TextDumpSplitter splitter = new TextDumpSplitter(rules);

    @FuzzTest
    // no line breaks in entries: Jazzer 0.24 writes them into the dictionary file unescaped, and libFuzzer refuses it
    @DictionaryEntries({"---", "=====", "Forwarded from ", "📄 Read in full", "Read more: https://x.org/a",
            "[...]", "<…>", "...", "…", " #tag"})
    void postsAreTheDumpsParagraphsInOrder(FuzzedDataProvider data) {
        String dump = TextCleaner.clean(data.consumeRemainingAsString());

        List<TextDumpSplitter.DumpPost> posts = splitter.split(dump);

        boolean blockMode = Paragraphs.hasBlankLine(dump);
        int cursor = 0;
        for (TextDumpSplitter.DumpPost post : posts) {
            List<String> paragraphs = Paragraphs.split(post.body(), blockMode);
            assertThat(paragraphs).as("paragraphs of %s", post).isNotEmpty();
            assertThat(String.join(Paragraphs.separator(blockMode), paragraphs)).isEqualTo(post.body());
            for (String paragraph : paragraphs) {
                int at = dump.indexOf(paragraph, cursor);
                assertThat(at).as("%s after offset %d of the dump", paragraph, cursor).isGreaterThanOrEqualTo(0);
                cursor = at + paragraph.length();
            }
            String first = post.firstParagraph();
            assertThat(first).isNotEmpty().isEqualTo(first.strip());
            assertThat(post.body()).contains(first);
            assertThat(rules.isLinkText(first)).as("%s is link text", first).isFalse();
            assertThat(ParagraphRules.isElision(first)).as("%s is an elision marker", first).isFalse();
        }
    }
}
