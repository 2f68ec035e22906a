package dev.salvo.cli.parquet;

import dev.salvo.FetchResult;
import dev.salvo.cli.output.ResultSink.Extras;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

import java.util.Map;

/**
 * Feeds results to Parquet's writer column by column ({@link ResultColumns}), and at the end puts
 * the part's index ranges ({@link IndexRanges}) in its footer. Not thread-safe: one per part.
 */
final class ResultWriteSupport extends WriteSupport<ResultWriteSupport.Row> {

    /** One result with what the command line adds to it. */
    record Row(FetchResult result, Extras extras) { }

    private final boolean includeBody;
    private final IndexRanges indexes = new IndexRanges();
    private RecordConsumer out;

    ResultWriteSupport(boolean includeBody) {
        this.includeBody = includeBody;
    }

    int count() {
        return indexes.count();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(ResultColumns.SCHEMA, Map.of());
    }

    /** Hadoop's entry point; Salvo always passes a {@link ParquetConfiguration}, so this is never called. */
    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        throw new UnsupportedOperationException("Salvo writes Parquet without Hadoop");
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        ResultColumns.write(out, row.result(), row.extras(), includeBody);
        indexes.add(row.result().index());
    }

    @Override
    public String getName() {
        return "salvo";
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(Map.of(IndexRanges.KEY, indexes.encode()));
    }
}
