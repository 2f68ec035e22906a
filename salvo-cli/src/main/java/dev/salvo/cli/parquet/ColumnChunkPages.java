package dev.salvo.cli.parquet;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The pages of one column chunk, for Parquet's own column readers ({@code parquet-column}), which
 * decode the values, levels and dictionaries and assemble the records. Only finding and
 * decompressing the pages is done here: Parquet's file reader ({@code ParquetFileReader}) cannot
 * be set up without Hadoop's classes, which the command line's jar leaves out (see
 * {@link ZstdCodecs}). The chunk is read whole (one part's chunk of a few columns is small), its
 * page headers decoded by Parquet's own Thrift decoder, pages zstd-decompressed (or taken as
 * they are when uncompressed). Not thread-safe: one per column chunk, read once.
 */
final class ColumnChunkPages implements PageReader {

    private final long valueCount;
    private final DictionaryPage dictionary;
    private final ArrayDeque<DataPage> pages = new ArrayDeque<>();

    /** Reads the chunk {@code meta} describes from {@code file}. */
    ColumnChunkPages(FileChannel file, ColumnMetaData meta, ColumnDescriptor column) throws IOException {
        if (meta.getCodec() != CompressionCodec.ZSTD && meta.getCodec() != CompressionCodec.UNCOMPRESSED) {
            throw new IOException("column " + column.getPath()[0] + " is " + meta.getCodec()
                    + "-compressed; only zstd (as salvo writes it) and uncompressed are read");
        }
        this.valueCount = meta.getNum_values();
        long start = meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
                ? Math.min(meta.getDictionary_page_offset(), meta.getData_page_offset()) : meta.getData_page_offset();
        ByteBuffer chunk = ByteBuffer.allocate(Math.toIntExact(meta.getTotal_compressed_size()));
        PartFooter.readFully(file, chunk, start);
        ByteArrayInputStream in = new ByteArrayInputStream(chunk.array());
        Statistics<?> noStatistics = Statistics.noopStats(column.getPrimitiveType());
        DictionaryPage dictionaryPage = null;
        long values = 0;
        while (values < valueCount && in.available() > 0) {
            PageHeader header = Util.readPageHeader(in);
            byte[] stored = in.readNBytes(header.getCompressed_page_size());
            switch (header.getType()) {
                case DICTIONARY_PAGE -> dictionaryPage = new DictionaryPage(
                        BytesInput.from(decompress(meta, stored, header.getUncompressed_page_size())),
                        header.getDictionary_page_header().getNum_values(),
                        encoding(header.getDictionary_page_header().getEncoding()));
                case DATA_PAGE -> {
                    DataPageHeader data = header.getData_page_header();
                    values += data.getNum_values();
                    pages.add(new DataPageV1(BytesInput.from(decompress(meta, stored,
                            header.getUncompressed_page_size())), data.getNum_values(),
                            header.getUncompressed_page_size(), noStatistics,
                            encoding(data.getRepetition_level_encoding()),
                            encoding(data.getDefinition_level_encoding()), encoding(data.getEncoding())));
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 data = header.getData_page_header_v2();
                    values += data.getNum_values();
                    int levels = data.getRepetition_levels_byte_length() + data.getDefinition_levels_byte_length();
                    byte[] body = Arrays.copyOfRange(stored, levels, stored.length);
                    if (data.isIs_compressed()) {
                        body = decompress(meta, body, header.getUncompressed_page_size() - levels);
                    }
                    pages.add(DataPageV2.uncompressed(data.getNum_rows(), data.getNum_nulls(), data.getNum_values(),
                            BytesInput.from(stored, 0, data.getRepetition_levels_byte_length()),
                            BytesInput.from(stored, data.getRepetition_levels_byte_length(),
                                    data.getDefinition_levels_byte_length()),
                            encoding(data.getEncoding()), BytesInput.from(body), noStatistics));
                }
                default -> { } // index pages and the like: nothing the values need
            }
        }
        this.dictionary = dictionaryPage;
    }

    private static byte[] decompress(ColumnMetaData meta, byte[] stored, int size) {
        return meta.getCodec() == CompressionCodec.ZSTD ? Zstd.decompress(stored, size) : stored;
    }

    /** Parquet's file-format encoding as its column reader names it (the names are the same). */
    private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
        return Encoding.valueOf(encoding.name());
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return valueCount;
    }

    @Override
    public DataPage readPage() {
        return pages.poll();
    }
}
