package newsfeed.contracts.kafka;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the Kafka clients of a Quarkus service compress and decompress lz4 with lz4-java's native (JNI) library
 * instead of its pure-Java one.
 *
 * <p>Why: Kafka's lz4 codec asks {@code LZ4Factory.fastestInstance()} and {@code XXHashFactory.fastestInstance()}.
 * lz4-java gives the native implementation there only when the library is loaded already or when lz4-java was loaded
 * by the system class loader; a Quarkus application's class loader is not that one, so every service got the "safe"
 * pure-Java codec (the fork Quarkus uses, {@code at.yawk.lz4}, has no Unsafe one). In dedup-service under
 * {@code bench.sh} that codec took about 30 % of the CPU (JFR execution samples in {@code LZ4JavaSafeCompressor}
 * and {@code SafeUtils}). Loading the library once, before the first Kafka client, makes {@code fastestInstance()}
 * answer the native one in this JVM. Kafka's decompressor is chosen once per JVM, at the first decompression, so
 * {@link #load()} must run before any consumer does.
 *
 * <p>Where the native library cannot load (an unsupported platform, a {@code noexec} temporary directory), the codec
 * stays pure-Java: slower, not wrong, and said in the log.
 */
public final class NativeLz4 {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLz4.class);

    private NativeLz4() {
    }

    /**
     * Loads lz4-java's native library if it is not loaded; idempotent and thread-safe (lz4-java synchronizes it).
     *
     * @return {@code true} if {@code LZ4Factory.fastestInstance()} now answers the native implementation
     */
    public static boolean load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable e) {
            // lz4-java reports a library that cannot load as an AssertionError or an UnsatisfiedLinkError
            LOG.warn("lz4 stays pure-Java in this process, about 5 times slower: the native lz4-java library did not"
                    + " load ({})", e.toString());
            return false;
        }
        return LZ4Factory.fastestInstance() == LZ4Factory.nativeInstance();
    }
}
