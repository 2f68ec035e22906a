package dev.salvo.spark.internal.job;

import dev.salvo.spark.internal.engine.EngineSettings;

/**
 * What one job run was asked to do. Immutable.
 *
 * @param input     INPUT as given (any Hadoop path)
 * @param output    the output directory (any Hadoop path)
 * @param format    {@code parquet} or {@code jsonl}
 * @param waveSize  URLs per wave
 * @param waveSizeGiven true when the user chose {@code waveSize} (rather than the default)
 * @param tasks     tasks per wave; 0 for Spark's default parallelism
 * @param resume    continue the run that wrote {@code output}
 * @param overwrite replace what a previous run wrote to {@code output}
 * @param engine    each task's engine settings
 */
public record JobSettings(String input, String output, String format, long waveSize, boolean waveSizeGiven,
                          int tasks, boolean resume,
                          boolean overwrite, EngineSettings engine) {
}
