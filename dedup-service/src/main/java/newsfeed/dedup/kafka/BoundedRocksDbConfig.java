package newsfeed.dedup.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of this process together: one block cache for all of them, with their
 * memtables charged to it through one write-buffer manager, and index and filter blocks in that cache rather than
 * beside it (the scheme of the Kafka Streams memory-management guide, "Bounded memory usage"). Without this, each
 * store of each task has a 50 MB block cache and up to three 16 MB memtables of its own: the dedup service's dozen
 * stores took about 1 GB resident.
 *
 * <p>Index and filter blocks are partitioned (RocksDB wiki, "Partitioned Index/Filters"): an SST file's index is a
 * small top-level block, pinned, over index and filter partitions of about {@value #METADATA_BLOCK_SIZE} bytes that
 * the cache holds like data blocks. With one index block per file, a store compacted into one 50 MB file had an index
 * block of about half a megabyte, which the cache, mostly taken by the memtables, could not keep: every point lookup
 * read and parsed it again, four fifths of dedup-service's CPU, and the pipeline fell from about 500 to 160-230 posts/s
 * for as long as that file lived (the benchmark, 2026-12-06). A lookup now reads one partition of a few kilobytes,
 * however large the files grow.
 *
 * <p>Configured by {@value #MEMORY_CONFIG} (bytes; Kafka Streams passes it through from
 * {@code kafka-streams.newsfeed.rocksdb.memory.bytes}), default {@value #DEFAULT_MEMORY} bytes, of which
 * {@value #MEMTABLE_SHARE} go to memtables.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final String MEMORY_CONFIG = "newsfeed.rocksdb.memory.bytes";
    static final long DEFAULT_MEMORY = 32L * 1024 * 1024;
    /**
     * Three quarters of the budget for memtables. The stores are written far more than read back (most claim keys
     * are new), and with half of 32 MiB shared by the memtables of about twenty stores, each flushed small files that
     * RocksDB's compaction then merged again and again: on the replay benchmark its flush and compaction threads took
     * 245-307 µs of CPU per post at 0.5, and 157-171 µs at 0.75, with the stream thread's own time no higher.
     */
    static final double MEMTABLE_SHARE = 0.75;
    /** Share of the cache kept for index and filter blocks, so that data blocks do not push them out. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_SIZE = 4L * 1024 * 1024;
    /** Bytes of an index or filter partition: RocksDB's default, the size of a data block in Kafka Streams' stores. */
    static final long METADATA_BLOCK_SIZE = 4096;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void init(long memory) {
        if (cache == null) {
            // one shard per 8 MB at most: small caches split into many shards evict unevenly
            int shardBits = Math.max(0, Math.min(6, 63 - Long.numberOfLeadingZeros(Math.max(1, memory / (8 << 20)))));
            cache = new LRUCache(memory, shardBits, false, INDEX_AND_FILTER_SHARE);
            writeBufferManager = new WriteBufferManager((long) (memory * MEMTABLE_SHARE), cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_CONFIG);
        init(configured == null ? DEFAULT_MEMORY : Long.parseLong(configured.toString().strip()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setIndexType(IndexType.kTwoLevelIndexSearch);
        table.setPartitionFilters(true);
        table.setMetadataBlockSize(METADATA_BLOCK_SIZE);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the process: never closed here
    }
}
