package dev.salvo.spark.internal.job;

import dev.salvo.spark.internal.engine.HostPartitionedFetch;
import dev.salvo.spark.internal.engine.ResultCounters;
import dev.salvo.spark.internal.engine.UrlRow;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;

/**
 * The job on the driver: checks the output directory, writes the input once with its indexes
 * split into waves, then fetches wave after wave in index order, each written through Spark's
 * commit protocol and published whole ({@link OutputLayout}).
 *
 * <p>Exactly once: a resumed run skips every committed wave, and a wave is committed whole or not
 * at all, so every input index ends with exactly one row. Within a run the fetch is evaluated by
 * one action only, the wave's write: nothing counts, sorts or samples the fetched rows (the input
 * is counted and its hosts tallied before the fetch, from the prepared input).
 *
 * <p>Not thread-safe; one run per instance.
 */
public final class WaveJob {

    private final SparkSession spark;
    private final JobSettings settings;
    private final PrintStream log;
    private final FileSystem fs;
    private final OutputLayout out;

    public WaveJob(SparkSession spark, JobSettings settings, PrintStream log) throws IOException {
        this.spark = spark;
        this.settings = settings;
        this.log = log;
        Path dir = new Path(settings.output());
        this.fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        this.out = new OutputLayout(fs, fs.makeQualified(dir));
    }

    /** Runs the job to the end; throws {@link JobFailure} for a problem the user can fix. */
    public void run() throws IOException {
        long started = System.nanoTime();
        Path input = new Path(settings.input());
        FileSystem inputFs = input.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!inputFs.exists(input)) {
            throw new JobFailure("cannot read input " + settings.input() + ": no such file or directory");
        }
        String fingerprint = InputFingerprint.of(inputFs, input);
        JobRecord record = openOutput(fingerprint);
        if (!out.inputPrepared()) {
            prepareInput(inputFs, input, record.waveSize());
        }
        if (spark.sparkContext().getConf().getBoolean("spark.speculation", false)) {
            say("spark.speculation is on: a speculative copy of a task fetches that task's URLs a second time"
                    + " (only one copy's rows are committed), and both copies hit the same hosts at once");
        }
        List<Long> waves = out.inputWaves();
        long skipped = 0;
        long fetched = 0;
        for (long wave : waves) {
            if (out.committed(wave)) {
                skipped++;
                continue;
            }
            fetched += runWave(wave, waves.size(), record.waveSize());
        }
        say(String.format(Locale.ROOT, "done: %d waves in %s (%d committed before this run), %d URLs fetched"
                        + " in %.1f s; results in %s", waves.size(), out.dir(), skipped, fetched,
                (System.nanoTime() - started) / 1e9, out.dir()));
    }

    /** Decides fresh, resumed or refused; returns the record the run continues under. */
    private JobRecord openOutput(String fingerprint) throws IOException {
        JobRecord wanted = new JobRecord(settings.input(), fingerprint, settings.waveSize(), settings.format());
        String dir = settings.output();
        if (!out.isEmpty() && !out.hasRecord()) {
            throw new JobFailure("output " + dir + " is not empty and was not written by salvo spark;"
                    + " give a new or empty directory");
        }
        if (out.hasRecord() && settings.overwrite()) {
            say("--overwrite: deleting the previous results in " + dir);
            out.delete(out.dir());
        } else if (out.hasRecord() && !settings.resume()) {
            throw new JobFailure("output " + dir + " already holds results (" + out.committedWaves().size()
                    + " waves committed); pass --resume to continue that run, or --overwrite to replace it");
        } else if (out.hasRecord()) {
            return resumeFrom(JobRecord.read(fs, out.record()), wanted);
        } else if (settings.resume()) {
            say("--resume: " + dir + " holds no earlier run; starting afresh");
        }
        out.mkdirs();
        wanted.write(fs, out.record());
        return wanted;
    }

    private JobRecord resumeFrom(JobRecord previous, JobRecord wanted) {
        String what = "cannot resume " + settings.output() + ": ";
        if (!previous.fingerprint().equals(wanted.fingerprint())) {
            throw new JobFailure(what + settings.input() + " differs from the input it was made from ("
                    + previous.input() + "); resume with that input, or use --overwrite to start again");
        }
        if (!previous.format().equals(wanted.format())) {
            throw new JobFailure(what + "it holds " + previous.format() + " results; resume with --format "
                    + previous.format());
        }
        if (settings.waveSizeGiven() && previous.waveSize() != wanted.waveSize()) {
            say("--resume continues with the run's waves of " + previous.waveSize() + " URLs (not "
                    + wanted.waveSize() + ")");
        }
        say("resuming " + settings.output() + ": committed waves are skipped, the others fetched");
        return previous;
    }

    private void prepareInput(FileSystem inputFs, Path input, long waveSize) throws IOException {
        long started = System.nanoTime();
        out.delete(out.input());
        Dataset<Row> rows = InputReader.read(spark, inputFs, input)
                .withColumn("wave", floor(col("index").divide(waveSize)).cast("long"));
        // Partitioned by wave, so a wave reads only its own files.
        rows.write().partitionBy("wave").parquet(out.input().toString());
        say(String.format(Locale.ROOT, "read %s into %d waves of up to %d URLs in %.1f s", settings.input(),
                out.inputWaves().size(), waveSize, (System.nanoTime() - started) / 1e9));
    }

    /** Fetches one wave and publishes it; returns its number of URLs. */
    private long runWave(long wave, int waves, long waveSize) throws IOException {
        long started = System.nanoTime();
        if (out.stagedComplete(wave)) {
            // The previous driver died between Spark's commit and the publishing rename.
            out.publish(wave);
            say("wave " + wave + ": was written in full before the interruption; published");
            return 0;
        }
        out.delete(out.staging(wave));
        JavaRDD<UrlRow> urls = HostPartitionedFetch.urlRows(spark.read().parquet(out.inputWave(wave).toString()));
        long count = urls.count();
        int tasks = settings.tasks() > 0 ? settings.tasks() : spark.sparkContext().defaultParallelism();
        ResultCounters counters = new ResultCounters(spark.sparkContext(), "wave " + wave);
        Dataset<Row> results = HostPartitionedFetch.fetch(spark, urls, count, tasks, settings.engine(),
                line -> say("wave " + wave + ": " + line), counters);
        writer(results).save(out.staging(wave).toString());
        out.publish(wave);
        double seconds = (System.nanoTime() - started) / 1e9;
        say(String.format(Locale.ROOT, "wave %d (%d of %d): %d URLs in %.1f s (%.0f/s) over %d tasks: %d ok,"
                        + " %d failed; committed", wave, wave + 1, waves, count, seconds, count / seconds, tasks,
                counters.ok(), counters.failed()));
        return count;
    }

    private DataFrameWriter<Row> writer(Dataset<Row> results) {
        DataFrameWriter<Row> writer = results.write().mode(SaveMode.ErrorIfExists);
        if (settings.format().equals("jsonl")) {
            // JSON Lines like salvo fetch's records: null fields are written, not left out.
            return writer.format("json").option("ignoreNullFields", "false");
        }
        return writer.format("parquet");
    }

    private void say(String line) {
        log.println("salvo spark: " + line);
        log.flush();
    }
}
