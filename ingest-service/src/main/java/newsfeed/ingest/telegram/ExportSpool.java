package newsfeed.ingest.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newsfeed.ingest.api.InvalidRequestException;
import org.jboss.logging.Logger;

/**
 * A request body copied to a temporary file, so that the export can be read twice (check, then publish) without being
 * held in memory. The body is copied in 64 KiB chunks as it arrives; {@link #close()} deletes the file.
 */
public final class ExportSpool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExportSpool.class);
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final long bytes;
    private final SpoolQuota quota;

    private ExportSpool(Path file, long bytes, SpoolQuota quota) {
        this.file = file;
        this.bytes = bytes;
        this.quota = quota;
    }

    /**
     * Copies {@code body} to a new file in {@code dir} (created if missing), taking its size from {@code quota} as
     * it is written; {@link #close()} gives it back.
     *
     * @throws InvalidRequestException if the body cannot be read to its end (the client stopped sending, or the body
     *                                went above the size limit) or is empty
     * @throws SpoolException         if the file cannot be written (disk full, directory not writable) or the quota
     *                                is used up by the imports in progress; the file is deleted then
     */
    public static ExportSpool write(InputStream body, Path dir, SpoolQuota quota) {
        Path file;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "telegram-export-", ".json");
        } catch (IOException e) {
            throw new SpoolException("cannot create a spool file in " + dir + ": " + e, e);
        }
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new InvalidRequestException("unreadable body",
                            List.of("the request body could not be read after byte " + bytes + ": " + e.getMessage()));
                }
                if (n < 0) {
                    break;
                }
                if (!quota.tryReserve(n)) {
                    throw new SpoolException("the other imports in progress already hold " + (quota.used() - bytes)
                            + " of the "
                            + quota.limit() + " bytes the spool may use (newsfeed.telegram.max-spool-size); this "
                            + "export was refused after " + bytes + " bytes", null);
                }
                bytes += n;
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            quota.release(bytes);
            delete(file);
            throw new SpoolException("cannot write the spool file " + file + " after " + bytes + " bytes: " + e, e);
        } catch (RuntimeException e) {
            quota.release(bytes);
            delete(file);
            throw e;
        }
        if (bytes == 0) {
            delete(file);
            throw new InvalidRequestException("invalid JSON", List.of("the body is empty"));
        }
        return new ExportSpool(file, bytes, quota);
    }

    public Path file() {
        return file;
    }

    /** Size of the body, in bytes. */
    public long bytes() {
        return bytes;
    }

    /** Deletes the file and gives its bytes back to the quota. */
    @Override
    public void close() {
        delete(file);
        quota.release(bytes);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete the spooled export %s: %s", file, e);
        }
    }

    /**
     * The export could not be stored on the server's disk (or not now: the spool quota is in use): a server-side
     * failure (503), not the client's.
     */
    public static class SpoolException extends RuntimeException {
        public SpoolException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
