package dev.salvo.spark.internal.engine;

import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The result rows: the fields of {@code salvo fetch}'s JSON records, in the same order and with
 * the same names, as typed columns ({@code error} is a struct of {@code type} and {@code message}).
 *
 * <p>Thread-safe (stateless).
 */
public final class ResultRows {

    private static final StructType ERROR = DataTypes.createStructType(List.of(
            DataTypes.createStructField("type", DataTypes.StringType, false),
            DataTypes.createStructField("message", DataTypes.StringType, false)));

    private ResultRows() {
    }

    /** The schema; {@code withBody} adds a binary {@code body} column last. */
    public static StructType schema(boolean withBody) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("index", DataTypes.LongType, false),
                DataTypes.createStructField("url", DataTypes.StringType, false),
                DataTypes.createStructField("id", DataTypes.StringType, true),
                DataTypes.createStructField("status", DataTypes.IntegerType, true),
                DataTypes.createStructField("ok", DataTypes.BooleanType, false),
                DataTypes.createStructField("attempts", DataTypes.IntegerType, false),
                DataTypes.createStructField("elapsed_ms", DataTypes.LongType, false),
                DataTypes.createStructField("bytes", DataTypes.LongType, false),
                DataTypes.createStructField("sha256", DataTypes.StringType, true),
                DataTypes.createStructField("content_type", DataTypes.StringType, true),
                DataTypes.createStructField("final_url", DataTypes.StringType, true),
                DataTypes.createStructField("error", ERROR, true)));
        if (withBody) {
            fields.add(DataTypes.createStructField("body", DataTypes.BinaryType, true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The row for {@code result}, matching {@link #schema}. */
    public static Row of(FetchResult result, boolean withBody) {
        FetchError error = result.error();
        Row errorRow = error == null ? null : RowFactory.create(error.type().wireName(), error.message());
        Object[] values = {
                result.index(), result.url(), result.id(), result.status(), result.ok(), result.attempts(),
                result.elapsedMillis(), result.bytes(), result.sha256(), result.contentType(), result.finalUrl(),
                errorRow,
                result.body()};
        return RowFactory.create(withBody ? values : java.util.Arrays.copyOf(values, values.length - 1));
    }
}
