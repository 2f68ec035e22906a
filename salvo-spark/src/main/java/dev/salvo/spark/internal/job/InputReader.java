package dev.salvo.spark.internal.job;

import dev.salvo.cli.input.LineParser;
import dev.salvo.FetchRequest;
import dev.salvo.spark.internal.engine.HostPartitionedFetch;
import dev.salvo.spark.internal.engine.RequestDetails;
import dev.salvo.spark.internal.engine.UrlRow;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.List;

/**
 * Reads the job's INPUT into rows of {@code index, url, id} and the request columns of
 * {@link dev.salvo.spark.internal.engine.RequestColumns}:
 *
 * <ul>
 *   <li>a directory, or a file ending in {@code .parquet}: a Parquet dataset with a string
 *       {@code url} column and optional {@code id} and {@code index} (without {@code index}, rows
 *       are numbered in the order Spark reads them);</li>
 *   <li>any other file: lines as {@code salvo fetch} reads them (a URL, or a JSON object with
 *       {@code url}, {@code id} and the request fields {@code method}, {@code headers},
 *       {@code body}, {@code body_base64} and {@code params}; blank and {@code #} lines skipped),
 *       {@code index} counting URL lines from 0, so the same file gives the same indexes and the
 *       same requests as {@code salvo fetch}; a line it cannot understand gets an
 *       {@code invalid_input} result, as there.</li>
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
final class InputReader {

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("index", DataTypes.LongType, false),
            DataTypes.createStructField("url", DataTypes.StringType, false),
            DataTypes.createStructField("id", DataTypes.StringType, true),
            DataTypes.createStructField("method", DataTypes.StringType, true),
            DataTypes.createStructField("headers", DataTypes.createArrayType(DataTypes.StringType), true),
            DataTypes.createStructField("body", DataTypes.BinaryType, true),
            DataTypes.createStructField("invalid_input", DataTypes.StringType, true)));

    private InputReader() {
    }

    static Dataset<Row> read(SparkSession spark, FileSystem fs, Path input) throws IOException {
        String location = input.toString();
        if (fs.getFileStatus(input).isDirectory() || location.endsWith(".parquet")) {
            Dataset<Row> parquet = spark.read().parquet(location);
            JavaRDD<Row> rows = HostPartitionedFetch.urlRows(parquet).map(InputReader::row);
            return spark.createDataFrame(rows, SCHEMA);
        }
        JavaRDD<Row> rows = spark.read().textFile(location).javaRDD()
                .map(InputReader::withoutByteOrderMark)
                .filter(LineParser::isUrlLine)
                .zipWithIndex()
                .map(t -> {
                    FetchRequest request = LineParser.PLAIN.parse(t._2(), t._1());
                    return row(request.index(), request.url(), request.id(), RequestDetails.of(request));
                });
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row row(UrlRow url) {
        return row(url.index(), url.url(), url.id(), url.details());
    }

    private static Row row(long index, String url, String id, RequestDetails details) {
        if (details == null) {
            return RowFactory.create(index, url, id, null, null, null, null);
        }
        return RowFactory.create(index, url, id, details.method(),
                details.headers().isEmpty() ? null : details.headers().toArray(new String[0]),
                details.body(), details.invalidInput());
    }

    /** A UTF-8 byte order mark opens some files; salvo fetch drops it too. */
    private static String withoutByteOrderMark(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
