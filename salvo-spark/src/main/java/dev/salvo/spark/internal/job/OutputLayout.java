package dev.salvo.spark.internal.job;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The output directory of a job, on any Hadoop file system:
 *
 * <pre>
 * DIR/wave=0/part-*.parquet, _SUCCESS    committed waves: the results
 * DIR/wave=1/...
 * DIR/_salvo/job.properties              what the directory was made from ({@link JobRecord})
 * DIR/_salvo/input/wave=K/...            the input with its indexes, split into waves
 * DIR/_salvo/staging/wave=K/...          a wave being written (Spark's commit protocol)
 * </pre>
 *
 * A wave is written to staging by Spark's file commit protocol (task attempts write apart, one
 * attempt per task is committed, the job commit writes {@code _SUCCESS}) and then published with
 * one directory rename. So {@code DIR/wave=K} exists exactly when all of wave K is committed, and
 * readers of DIR (Spark skips names starting with {@code _}) never see part of a wave.
 *
 * <p>Not thread-safe; the driver uses it from one thread.
 */
final class OutputLayout {

    private static final String WAVE_PREFIX = "wave=";

    private final FileSystem fs;
    private final Path dir;

    OutputLayout(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path record() {
        return new Path(dir, "_salvo/job.properties");
    }

    Path input() {
        return new Path(dir, "_salvo/input");
    }

    Path inputWave(long wave) {
        return new Path(input(), WAVE_PREFIX + wave);
    }

    Path staging(long wave) {
        return new Path(dir, "_salvo/staging/" + WAVE_PREFIX + wave);
    }

    Path wave(long wave) {
        return new Path(dir, WAVE_PREFIX + wave);
    }

    boolean exists() throws IOException {
        return fs.exists(dir);
    }

    /** True when DIR is missing or holds nothing at all. */
    boolean isEmpty() throws IOException {
        return !fs.exists(dir) || fs.listStatus(dir).length == 0;
    }

    boolean hasRecord() throws IOException {
        return fs.exists(record());
    }

    /** True when the input was written in full (its Spark job committed). */
    boolean inputPrepared() throws IOException {
        return fs.exists(new Path(input(), "_SUCCESS"));
    }

    /** The waves of the prepared input, ascending. */
    List<Long> inputWaves() throws IOException {
        return waveNumbers(input());
    }

    /** The committed waves, ascending. */
    List<Long> committedWaves() throws IOException {
        return fs.exists(dir) ? waveNumbers(dir) : List.of();
    }

    boolean committed(long wave) throws IOException {
        return fs.exists(wave(wave));
    }

    /** True when wave K's staging holds a complete Spark job's output not yet published. */
    boolean stagedComplete(long wave) throws IOException {
        return fs.exists(new Path(staging(wave), "_SUCCESS"));
    }

    /** Publishes a staged wave: one rename, atomic on HDFS and local disks. */
    void publish(long wave) throws IOException {
        if (!fs.rename(staging(wave), wave(wave))) {
            throw new IOException("cannot move " + staging(wave) + " to " + wave(wave));
        }
    }

    void delete(Path path) throws IOException {
        if (fs.exists(path) && !fs.delete(path, true)) {
            throw new IOException("cannot delete " + path);
        }
    }

    void mkdirs() throws IOException {
        fs.mkdirs(new Path(dir, "_salvo"));
    }

    private List<Long> waveNumbers(Path parent) throws IOException {
        TreeSet<Long> waves = new TreeSet<>();
        for (FileStatus status : fs.listStatus(parent)) {
            String name = status.getPath().getName();
            if (status.isDirectory() && name.startsWith(WAVE_PREFIX)) {
                try {
                    waves.add(Long.parseLong(name.substring(WAVE_PREFIX.length())));
                } catch (NumberFormatException e) {
                    // Not one of ours; left alone.
                }
            }
        }
        return new ArrayList<>(waves);
    }
}
