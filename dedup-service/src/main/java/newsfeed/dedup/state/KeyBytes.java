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
        for (byte b : postId.getBytes(StandardCharsets.UTF_8)) {
            if (b == 0 || b == 1) {
                out.write(1);
                out.write(b + 1);
            } else {
                out.write(b);
            }
        }
        out.write(0);
    }

    /**
     * @param end receives, in {@code end[0]}, the index just after the postId's terminator
     */
    public static String readPostId(byte[] bytes, int at, int[] end) {
        ByteArrayOutputStream id = new ByteArrayOutputStream();
        int i = at;
        while (bytes[i] != 0) {
            if (bytes[i] == 1) {
                id.write(bytes[i + 1] - 1);
                i += 2;
            } else {
                id.write(bytes[i]);
                i++;
            }
        }
        end[0] = i + 1;
        return id.toString(StandardCharsets.UTF_8);
    }

    public static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
