package dev.salvo.spark;

import dev.salvo.SalvoConfig;
import dev.salvo.cli.ConfigDefaults;
import dev.salvo.cli.EngineOptions;
import dev.salvo.spark.internal.engine.EngineSettings;
import dev.salvo.spark.internal.job.JobFailure;
import dev.salvo.spark.internal.job.JobSettings;
import dev.salvo.spark.internal.job.WaveJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code salvo spark}: fetches a URL list on Spark, wave after wave, with exactly one committed
 * row per input URL. Run it with {@code spark-submit --class dev.salvo.spark.FetchJob
 * salvo-spark.jar [OPTIONS] --output DIR INPUT}, or on an embedded local Spark with
 * {@code ./salvo spark}.
 */
@Command(name = "salvo spark",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ConfigDefaults.class,
        sortOptions = false,
        description = {
                "Fetch every URL of INPUT on Apache Spark and write one row per URL to DIR, with the fields of "
                        + "'salvo fetch' records as typed columns.",
                "",
                "INPUT is a text file as 'salvo fetch' reads it (a URL or a JSON object with url and id per line), "
                        + "or a Parquet dataset with a string url column (and optional id and index).",
                "",
                "Every URL of one host is fetched by the same task, so --per-host and --per-host-rate hold for the "
                        + "whole job; -c/--concurrency is per task (the job runs up to tasks at once x concurrency). "
                        + "URLs go in waves of --wave-size, in index order; each wave is committed whole to "
                        + "DIR/wave=K. After a crash or a kill, --resume skips the committed waves.",
                "",
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:every wave was committed, whatever became of each URL",
                "2:usage error: bad option, unreadable input, an output directory in the way",
                "3:the job failed; what was committed stays, and --resume continues it",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./salvo spark --output results/ urls.txt",
                "  ./salvo spark --master 'local[8]' --per-host 2 -c 128 --format jsonl --output results/ urls.txt",
                "  spark-submit --class dev.salvo.spark.FetchJob salvo-spark.jar --output s3a://b/out s3a://b/urls.parquet",
                "  ./salvo spark --resume --output results/ urls.txt       # after a crash",
                "",
        })
public final class FetchJob implements Callable<Integer> {

    /** Output formats. */
    enum Format { parquet, jsonl }

    @Mixin
    private EngineOptions engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[4] or spark://host:7077. Default: what spark-submit set, else local[*].")
    private String master;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "Output format: parquet or jsonl (JSON Lines, one object per row). Default: ${DEFAULT-VALUE}.")
    private Format format;

    /** The default of --wave-size: a wave of a million URLs takes minutes on a few executors. */
    static final long DEFAULT_WAVE_SIZE = 1_000_000;

    @Option(names = "--wave-size", paramLabel = "N",
            description = "URLs per wave, taken in index order; each wave is committed whole. --resume keeps the"
                    + " run's own. Default: " + DEFAULT_WAVE_SIZE + ".")
    private Long waveSize;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "0",
            description = "Tasks per wave, each running one engine; 0 means Spark's default parallelism (its cores)."
                    + " Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--resume",
            description = "Continue the run that wrote DIR: committed waves are skipped, the rest fetched."
                    + " INPUT must be the input DIR was made from (checked).")
    private boolean resume;

    @Option(names = "--overwrite",
            description = "Delete the results of an earlier run in DIR and start again.")
    private boolean overwrite;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Directory for the results (any Hadoop path: a local directory, hdfs://, s3a://).")
    private String output;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Text file of URLs, or a Parquet dataset with a url column.")
    private String input;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job with {@code args}; returns the exit status. */
    static int run(String... args) {
        CommandLine command = new CommandLine(new FetchJob()).setCaseInsensitiveEnumValuesAllowed(true);
        command.setParameterExceptionHandler((e, a) -> {
            System.err.println("salvo spark: " + oneLine(e.getMessage()) + " (see 'salvo spark --help')");
            return 2;
        });
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (System.getenv("SALVO_DEBUG") != null) {
                e.printStackTrace();
            }
            if (e instanceof JobFailure || e instanceof IllegalArgumentException) {
                System.err.println("salvo spark: " + oneLine(e.getMessage()));
                return 2;
            }
            System.err.println("salvo spark: the job failed: " + oneLine(rootMessage(e))
                    + "; committed waves are kept, continue with --resume (SALVO_DEBUG=1 for details)");
            return 3;
        });
        return command.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (resume && overwrite) {
            throw new JobFailure("--resume and --overwrite contradict each other; pass one");
        }
        if (waveSize != null && waveSize < 1) {
            throw new JobFailure("--wave-size must be at least 1, was " + waveSize);
        }
        if (tasks < 0) {
            throw new JobFailure("--tasks must be 0 (Spark's default) or more, was " + tasks);
        }
        SalvoConfig config = engine.toBuilder().build();
        SparkSession.Builder builder = SparkSession.builder().appName("salvo spark");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            JobSettings settings = new JobSettings(input, output, format.name(),
                    waveSize == null ? DEFAULT_WAVE_SIZE : waveSize, waveSize != null, tasks, resume, overwrite,
                    new EngineSettings(config));
            new WaveJob(spark, settings, System.err).run();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
