package newsfeed.dedup.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyBytesTest {

    private static final List<String> IDS = List.of("", "a", "a\u0000", "a\u0001", "a\u0002", "a\u0000b",
            "a\u0001\u0000", "ab", "b", "tg:northwind:1", "tg:northwind:10", "tg:северный:7", "x:\uD83D\uDCF0",
            "\u0000", "\u0001\u0001");

    private static byte[] encoded(String postId, int position) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x7F);
        KeyBytes.writePostId(out, postId);
        KeyBytes.writeInt(out, position);
        return out.toByteArray();
    }

    @Test
    void aPostIdIsReadBackWhereverItStandsAndWhatFollowsItIsFound() {
        for (String id : IDS) {
            byte[] bytes = encoded(id, 0x01020304);
            int[] end = new int[1];
            assertEquals(id, KeyBytes.readPostId(bytes, 1, end), id);
            assertEquals(bytes.length - 4, end[0], id);
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4),
                    List.of(bytes[end[0]], bytes[end[0] + 1], bytes[end[0] + 2], bytes[end[0] + 3]), id);
        }
    }

    @Test
    void escapesAreTheDocumentedBytes() {
        assertEquals("[127, 97, 1, 1, 1, 2, 98, 0, 0, 0, 0, 9]", Arrays.toString(encoded("a\u0000\u0001b", 9)));
    }

    @Test
    void byteOrderIsCodePointOrderThenPosition() {
        Comparator<String> codePoints = (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
        for (String a : IDS) {
            for (String b : IDS) {
                int expected = Integer.signum(codePoints.compare(a, b));
                assertEquals(expected, Integer.signum(Arrays.compareUnsigned(encoded(a, 5), encoded(b, 5))),
                        a + " / " + b);
                if (expected == 0) {
                    assertEquals(-1, Integer.signum(Arrays.compareUnsigned(encoded(a, 5), encoded(b, 6))), a);
                }
            }
        }
    }
}
