package dev.salvo.spark;

import dev.salvo.SalvoConfig;
import dev.salvo.spark.internal.engine.EngineSettings;
import dev.salvo.spark.internal.engine.HostPartitionedFetch;
import dev.salvo.spark.internal.engine.ResultRows;
import dev.salvo.spark.internal.engine.UrlRow;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salvo on Spark, as a library call: fetch the URLs of a Dataset with one Salvo engine per task,
 * every URL of one host in the same task.
 *
 * <pre>{@code
 * Dataset<Row> urls = spark.read().parquet("urls.parquet");           // a string column "url"
 * SalvoConfig config = SalvoConfig.builder().perHost(4).concurrency(256).build();
 * SalvoSpark.fetch(urls, config).write().parquet("results.parquet");
 * }</pre>
 *
 * <p>Besides {@code url} (and optional {@code id} and {@code index}), a row may carry its own
 * request in the optional columns {@code method} (string), {@code headers} (array of
 * {@code "Name: value"} strings, replacing the config's headers of those names) and {@code body}
 * (binary, or a string sent as UTF-8). A method or header that is not valid HTTP gives that row an
 * {@code invalid_input} result rather than failing the task.
 *
 * <p>The result has one row per input row, with the fields of {@code salvo fetch}'s records as
 * typed columns ({@link #schema}). An invalid URL is a row with error type {@code invalid_url},
 * never a failed job.
 *
 * <p><b>Each action on the returned Dataset fetches again.</b> Write it once, or persist it before
 * running more than one action. {@code FetchJob} adds waves, exactly-once output and resume.
 *
 * <p>Thread-safe (stateless).
 */
public final class SalvoSpark {

    private static final Logger LOG = LoggerFactory.getLogger(SalvoSpark.class);

    private SalvoSpark() {
    }

    /**
     * Fetches every row's URL, in as many tasks as Spark's default parallelism.
     *
     * @param requests rows with a string {@code url}; an {@code id} column (any type, passed on as
     *                 a string) and a long {@code index} are used when present, otherwise
     *                 {@code index} numbers the rows in the Dataset's order from 0
     * @param config   the engine settings of each task; {@code concurrency} is per task. Its
     *                 listener and time source are not carried to the executors.
     */
    public static Dataset<Row> fetch(Dataset<Row> requests, SalvoConfig config) {
        return fetch(requests, config, requests.sparkSession().sparkContext().defaultParallelism());
    }

    /** {@link #fetch(Dataset, SalvoConfig)} in {@code tasks} tasks. */
    public static Dataset<Row> fetch(Dataset<Row> requests, SalvoConfig config, int tasks) {
        SparkSession spark = requests.sparkSession();
        JavaRDD<UrlRow> urls = HostPartitionedFetch.urlRows(requests);
        long count = urls.count();
        return HostPartitionedFetch.fetch(spark, urls, count, Math.max(1, tasks), new EngineSettings(config),
                LOG::warn, null);
    }

    /** The result's schema; {@code withBody} (for a config that keeps bodies) adds a binary {@code body}. */
    public static StructType schema(boolean withBody) {
        return ResultRows.schema(withBody);
    }
}
