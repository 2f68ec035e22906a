package dev.salvo.spark.internal.engine;

import dev.salvo.FetchResult;
import dev.salvo.HostKey;
import dev.salvo.spark.internal.partition.HostPlan;
import dev.salvo.spark.internal.partition.HostPlan.HostCount;
import dev.salvo.spark.internal.partition.TaskPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The fetch as a Spark plan: input rows become {@link UrlRow}s keyed by their host's task
 * ({@link HostPlan}), one shuffle puts each task's hosts together, and each task streams its
 * partition through one engine ({@link PartitionFetch}).
 *
 * <p>The returned Dataset fetches when an action runs on it, and again on every further action:
 * callers write it once (the job) or persist it.
 *
 * <p>Thread-safe (stateless).
 */
public final class HostPartitionedFetch {

    private HostPartitionedFetch() {
    }

    /**
     * The rows of {@code requests} (a string {@code url} column, optional {@code id} and
     * {@code index}, and the optional request columns of {@link RequestColumns}) as
     * {@link UrlRow}s; without {@code index}, indexes follow the Dataset's order.
     *
     * @throws IllegalArgumentException when there is no string {@code url} column, or a request
     *                                  column has the wrong type
     */
    public static JavaRDD<UrlRow> urlRows(Dataset<Row> requests) {
        List<String> names = Arrays.asList(requests.columns());
        if (!names.contains("url")) {
            throw new IllegalArgumentException("the input has no 'url' column (it has: " + String.join(", ", names) + ")");
        }
        StructField url = requests.schema().apply("url");
        if (url.dataType() != DataTypes.StringType) {
            throw new IllegalArgumentException("the input's 'url' column must be a string, was " + url.dataType().simpleString());
        }
        Column id = names.contains("id") ? col("id").cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
        Column[] details = RequestColumns.select(requests);
        if (names.contains("index")) {
            Column[] columns = concat(new Column[] {col("index").cast(DataTypes.LongType), col("url"), id}, details);
            return requests.select(columns).javaRDD()
                    .map(r -> urlRow(r.getLong(0), r.getString(1), r.getString(2), RequestColumns.details(r, 3)));
        }
        return requests.select(concat(new Column[] {col("url"), id}, details)).javaRDD().zipWithIndex()
                .map(t -> urlRow(t._2(), t._1().getString(0), t._1().getString(1), RequestColumns.details(t._1(), 2)));
    }

    /** One row; a missing URL becomes an empty one, which the engine answers with invalid_url. */
    public static UrlRow urlRow(long index, String url, String id, RequestDetails details) {
        String text = url == null ? "" : url;
        return new UrlRow(index, text, id, HostKey.of(text), details);
    }

    private static Column[] concat(Column[] first, Column[] second) {
        Column[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /**
     * Plans the hosts of {@code urls} over {@code tasks} tasks (one action over the input, to
     * count the heavy hosts) and returns the lazily fetched result rows.
     *
     * @param urls  the input; read twice: once to plan, once to fetch
     * @param count how many rows {@code urls} has
     * @param log      receives one line about hosts that will bound the run's time
     * @param counters counts results as tasks produce them, or null
     */
    public static Dataset<Row> fetch(SparkSession spark, JavaRDD<UrlRow> urls, long count, int tasks,
                                     EngineSettings settings, Consumer<String> log, ResultCounters counters) {
        HostPlan plan = plan(urls, count, tasks);
        reportDominantHost(plan, urls, count, tasks, settings, log);
        boolean withBody = settings.keepBodies();
        JavaRDD<Row> rows = urls
                .mapToPair(u -> new Tuple2<>(plan.taskOf(u.host(), u.index()), u))
                .partitionBy(new TaskPartitioner(tasks))
                .values()
                .mapPartitions(partition -> fetchPartition(partition, settings, withBody, counters));
        return spark.createDataFrame(rows, ResultRows.schema(withBody));
    }

    private static HostPlan plan(JavaRDD<UrlRow> urls, long count, int tasks) {
        long threshold = HostPlan.heavyThreshold(count, tasks);
        List<HostCount> heavy = urls.filter(u -> u.host() != null)
                .mapToPair(u -> new Tuple2<>(u.host(), 1L))
                .reduceByKey(Long::sum)
                .filter(t -> t._2() >= threshold)
                .map(t -> new HostCount(t._1(), t._2()))
                .collect();
        return HostPlan.of(tasks, count, heavy);
    }

    /** Says when one host holds more than a task's fair share: its limit then bounds the run. */
    private static void reportDominantHost(HostPlan plan, JavaRDD<UrlRow> urls, long count, int tasks,
                                           EngineSettings settings, Consumer<String> log) {
        long fair = (count + tasks - 1) / tasks;
        for (int task = 0; task < tasks; task++) {
            if (plan.heavyLoad(task) > fair && tasks > 1) {
                log.accept(String.format(Locale.ROOT,
                        "task %d of %d holds %d of %d URLs (%.0f%%) because one host has that many; all of a host's"
                                + " URLs go to one task so that --per-host %d%s holds across the cluster, so this part"
                                + " runs at that host's limit however many executors there are",
                        task, tasks, plan.heavyLoad(task), count, 100.0 * plan.heavyLoad(task) / count,
                        settings.perHost(),
                        settings.perHostRate() > 0 ? " and --per-host-rate " + settings.perHostRate() + "/s" : ""));
            }
        }
    }

    private static Iterator<Row> fetchPartition(Iterator<UrlRow> partition, EngineSettings settings, boolean withBody,
                                                ResultCounters counters) {
        PartitionFetch fetch = new PartitionFetch(partition, settings.toConfig());
        TaskContext context = TaskContext.get();
        if (context != null) {
            // A task that fails or is killed before reading every result still stops its engine.
            context.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) c -> fetch.close());
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return fetch.hasNext();
            }

            @Override
            public Row next() {
                FetchResult result = fetch.next();
                if (counters != null) {
                    counters.count(result.ok());
                }
                return ResultRows.of(result, withBody);
            }
        };
    }
}
