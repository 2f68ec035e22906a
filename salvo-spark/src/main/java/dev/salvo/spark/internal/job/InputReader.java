package dev.salvo.spark.internal.job;

import dev.salvo.cli.input.LineParser;
import dev.salvo.FetchRequest;
import dev.salvo.spark.internal.engine.HostPartitionedFetch;
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
 * Reads the job's INPUT into rows of {@code index, url, id}:
 *
 * <ul>
 *   <li>a directory, or a file ending in {@code .parquet}: a Parquet dataset with a string
 *       {@code url} column and optional {@code id} and {@code index} (without {@code index}, rows
 *       are numbered in the order Spark reads them);</li>
 *   <li>any other file: lines as {@code salvo fetch} reads them (a URL, or a JSON object with
 *       {@code url} and {@code id}; blank and {@code #} lines skipped), {@code index} counting URL
 *       lines from 0, so the same file gives the same indexes as {@code salvo fetch}.</li>
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
final class InputReader {

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("index", DataTypes.LongType, false),
            DataTypes.createStructField("url", DataTypes.StringType, false),
            DataTypes.createStructField("id", DataTypes.StringType, true)));

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
                    return RowFactory.create(request.index(), request.url(), request.id());
                });
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row row(UrlRow url) {
        return RowFactory.create(url.index(), url.url(), url.id());
    }

    /** A UTF-8 byte order mark opens some files; salvo fetch drops it too. */
    private static String withoutByteOrderMark(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
