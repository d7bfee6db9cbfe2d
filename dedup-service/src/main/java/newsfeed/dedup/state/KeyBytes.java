package newsfeed.dedup.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Order-preserving byte encodings for state-store keys, which stores compare as unsigned bytes:
 * <ul>
 *   <li>a time: its epoch second with the sign bit flipped (8 bytes) and its nanosecond (4 bytes), big-endian, so
 *       byte order is time order;</li>
 *   <li>a postId: its UTF-8 bytes (whose order is code point order) with 0x00 written as 0x01 0x01 and 0x01 as 0x01
 *       0x02, ended by 0x00, so order is kept and where it ends is unambiguous.</li>
 * </ul>
 */
public final class KeyBytes {

    public static final int TIME_BYTES = 12;

    private KeyBytes() {
    }

    public static void writeTime(ByteArrayOutputStream out, Instant instant) {
        ByteBuffer buffer = ByteBuffer.allocate(TIME_BYTES);
        buffer.putLong(instant.getEpochSecond() ^ Long.MIN_VALUE).putInt(instant.getNano());
        out.writeBytes(buffer.array());
    }

    public static Instant readTime(byte[] bytes, int at) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, at, TIME_BYTES);
        return Instant.ofEpochSecond(buffer.getLong() ^ Long.MIN_VALUE, buffer.getInt());
    }

    public static void writePostId(ByteArrayOutputStream out, String postId) {
        // one write of the whole escaped id: ByteArrayOutputStream's writes are synchronized, and a byte at a time
        // took about 6 % of the stream thread's samples in a JFR profile under bench.sh
        out.writeBytes(escapedPostId(postId));
    }

    /** The postId's escaped UTF-8 bytes and its 0x00 terminator, as {@link #writePostId} writes them. */
    private static byte[] escapedPostId(String postId) {
        byte[] utf8 = postId.getBytes(StandardCharsets.UTF_8);
        int escapes = 0;
        for (byte b : utf8) {
            if (b == 0 || b == 1) {
                escapes++;
            }
        }
        byte[] escaped = new byte[utf8.length + escapes + 1];
        int i = 0;
        for (byte b : utf8) {
            if (b == 0 || b == 1) {
                escaped[i++] = 1;
                escaped[i++] = (byte) (b + 1);
            } else {
                escaped[i++] = b;
            }
        }
        return escaped;
    }

    /**
     * @param end receives, in {@code end[0]}, the index just after the postId's terminator
     */
    public static String readPostId(byte[] bytes, int at, int[] end) {
        int stop = at;
        boolean escaped = false;
        while (bytes[stop] != 0) {
            if (bytes[stop] == 1) {
                escaped = true;
                stop++;
            }
            stop++;
        }
        end[0] = stop + 1;
        if (!escaped) {
            return new String(bytes, at, stop - at, StandardCharsets.UTF_8);
        }
        byte[] id = new byte[stop - at];
        int length = 0;
        for (int i = at; i < stop; i++) {
            id[length++] = bytes[i] == 1 ? (byte) (bytes[++i] - 1) : bytes[i];
        }
        return new String(id, 0, length, StandardCharsets.UTF_8);
    }

    public static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }
}
