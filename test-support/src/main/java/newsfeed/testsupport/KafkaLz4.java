package newsfeed.testsupport;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Which lz4-java implementations Kafka's lz4 codec uses in the calling class loader: what
 * {@code newsfeed.contracts.kafka.NativeLz4} is for. Call it from a {@code @QuarkusTest}, whose class loader is the
 * application's.
 */
public final class KafkaLz4 {

    private KafkaLz4() {
    }

    /**
     * The implementation class of each part of the codec: {@code compressor} (what a producer batch takes,
     * {@code LZ4Factory.fastestInstance().fastCompressor()}), {@code decompressor} and {@code checksum} (what
     * Kafka's {@code Lz4BlockInputStream} chose once for the JVM). Native ones have "JNI" in their names.
     *
     * @throws ReflectiveOperationException if Kafka's input stream no longer has those fields
     */
    public static Map<String, String> implementations() throws ReflectiveOperationException {
        Class<?> input = Class.forName("org.apache.kafka.common.compress.Lz4BlockInputStream");
        return Map.of(
                "compressor", LZ4Factory.fastestInstance().fastCompressor().getClass().getName(),
                "producer checksum", XXHashFactory.fastestInstance().hash32().getClass().getName(),
                "decompressor", staticField(input, "DECOMPRESSOR").getClass().getName(),
                "checksum", staticField(input, "CHECKSUM").getClass().getName());
    }

    /**
     * The parts of {@link #implementations()} that are not native, with their implementation: empty when Kafka's lz4
     * codec is all JNI in the calling class loader.
     *
     * @throws ReflectiveOperationException as {@link #implementations()}
     */
    public static Map<String, String> notNative() throws ReflectiveOperationException {
        Map<String, String> notNative = new TreeMap<>(implementations());
        notNative.values().removeIf(implementation -> implementation.contains("JNI"));
        return notNative;
    }

    private static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }
}
