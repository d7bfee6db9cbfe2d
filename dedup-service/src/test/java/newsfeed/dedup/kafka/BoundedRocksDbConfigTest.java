package newsfeed.dedup.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.TableProperties;
import org.rocksdb.WriteOptions;

/**
 * The index a point lookup needs stays small however large a store's files grow. Found by the pipeline benchmark: the
 * judge's paragraph store, compacted into one 53 MB file, had one index block of about half a megabyte; the shared
 * cache could not keep it beside the memtables, so every lookup read it again, and dedup-service spent four fifths
 * of its CPU there (160-230 posts/s instead of about 500).
 */
class BoundedRocksDbConfigTest {

    @Test
    void aLookupNeedsOnlyASmallPartOfTheIndexOfALargeFile(@TempDir Path dir) throws Exception {
        RocksDB.loadLibrary();
        try (BloomFilter bloom = new BloomFilter(); Options options = new Options().setCreateIfMissing(true)) {
            // what Kafka Streams' RocksDBStore sets before it calls the config setter
            BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockSize(4096).setFilterPolicy(bloom);
            options.setTableFormatConfig(table);
            new BoundedRocksDbConfig().setConfig("dedup-paragraphs", options, Map.of());

            try (RocksDB db = RocksDB.open(options, dir.toString()); WriteOptions write = new WriteOptions()
                    .setDisableWAL(true); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                // keys and values shaped like the judge's paragraphs: a postId and position, then ~300 bytes
                Random random = new Random(7);
                byte[] value = new byte[300];
                for (int i = 0; i < 120_000; i++) {
                    random.nextBytes(value);
                    db.put(write, ("wire:%08d/%02d".formatted(random.nextInt(100_000_000), i % 12))
                            .getBytes(StandardCharsets.UTF_8), value);
                }
                db.flush(flush);
                db.compactRange();

                Map<String, TableProperties> files = db.getPropertiesOfAllTables();
                assertThat(files).hasSize(1);
                TableProperties file = files.values().iterator().next();
                assertThat(file.getDataSize()).as("data bytes of the file").isGreaterThan(30L << 20);
                assertThat(file.getIndexSize()).as("index bytes of the file").isGreaterThan(128L << 10);
                long perLookup = file.getIndexPartitions() == 0 ? file.getIndexSize()
                        : file.getTopLevelIndexSize() + file.getIndexSize() / file.getIndexPartitions();
                assertThat(perLookup).as("index bytes one lookup reads (top level and one partition)")
                        .isLessThanOrEqualTo(16L << 10);
            }
        }
    }
}
