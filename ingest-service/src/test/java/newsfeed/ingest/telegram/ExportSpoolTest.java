package newsfeed.ingest.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool files and their quota: what imports in progress may hold on disk together. */
class ExportSpoolTest {

    @TempDir
    Path dir;

    @Test
    void aSpooledExportHoldsItsSizeOfTheQuotaUntilClosed() throws IOException {
        SpoolQuota quota = new SpoolQuota(300_000);
        try (ExportSpool spool = ExportSpool.write(new ByteArrayInputStream(new byte[200_000]), dir, quota)) {
            assertThat(spool.bytes()).isEqualTo(200_000);
            assertThat(Files.size(spool.file())).isEqualTo(200_000);
            assertThat(quota.used()).isEqualTo(200_000);
        }
        assertThat(quota.used()).isZero();
        assertThat(files()).isEmpty();
    }

    @Test
    void anExportThatWouldGoAboveTheQuotaIsRefusedAndLeavesNothing() throws IOException {
        SpoolQuota quota = new SpoolQuota(300_000);
        try (ExportSpool first = ExportSpool.write(new ByteArrayInputStream(new byte[200_000]), dir, quota)) {
            assertThatThrownBy(() -> ExportSpool.write(new ByteArrayInputStream(new byte[200_000]), dir, quota))
                    .isInstanceOf(ExportSpool.SpoolException.class)
                    .hasMessageContaining("other imports in progress already hold 200000 of the 300000 bytes")
                    .hasMessageContaining("newsfeed.telegram.max-spool-size");
            assertThat(quota.used()).as("the refused export gave back what it took").isEqualTo(200_000);
            assertThat(files()).containsExactly(first.file());
        }
        assertThat(quota.used()).isZero();
        // once the first is done, the same export fits
        try (ExportSpool again = ExportSpool.write(new ByteArrayInputStream(new byte[200_000]), dir, quota)) {
            assertThat(again.bytes()).isEqualTo(200_000);
        }
    }

    @Test
    void anEmptyBodyTakesNothing() {
        SpoolQuota quota = new SpoolQuota(10);
        assertThatThrownBy(() -> ExportSpool.write(new ByteArrayInputStream(new byte[0]), dir, quota))
                .hasMessageContaining("invalid JSON");
        assertThat(quota.used()).isZero();
    }

    private java.util.List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
