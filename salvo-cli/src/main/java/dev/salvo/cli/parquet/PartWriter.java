package dev.salvo.cli.parquet;

import dev.salvo.FetchResult;
import dev.salvo.cli.output.ResultSink.Extras;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One part being written: Parquet goes to {@code part-N.parquet.inprogress} and becomes
 * {@code part-N.parquet} only once its footer is written, so a file with the final name is always
 * complete and a crash leaves at most one in-progress file, which {@code --resume} deletes.
 * Not thread-safe.
 */
final class PartWriter {

    /** Bytes per row group: bounds the memory a part holds before it writes a row group out. */
    private static final int ROW_GROUP_BYTES = 32 << 20;

    private final Path inProgress;
    private final Path done;
    private final ResultWriteSupport support;
    private final ParquetWriter<ResultWriteSupport.Row> writer;

    PartWriter(Path inProgress, Path done, boolean includeBody) throws IOException {
        this.inProgress = inProgress;
        this.done = done;
        this.support = new ResultWriteSupport(includeBody);
        this.writer = new Builder(new LocalOutputFile(inProgress), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecs())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    void write(FetchResult result, Extras extras) throws IOException {
        writer.write(new ResultWriteSupport.Row(result, extras));
    }

    int count() {
        return support.count();
    }

    /** Writes the footer, forces the file to the disk and gives it its final name. */
    Path close() throws IOException {
        writer.close();
        try (var channel = java.nio.channels.FileChannel.open(inProgress, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(inProgress, done, StandardCopyOption.ATOMIC_MOVE);
        return done;
    }

    /** Parquet's writer builder, handed our write support and never a Hadoop configuration. */
    private static final class Builder extends ParquetWriter.Builder<ResultWriteSupport.Row, Builder> {
        private final ResultWriteSupport support;

        Builder(OutputFile file, ResultWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ResultWriteSupport.Row> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<ResultWriteSupport.Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }
}
