package dev.salvo.spark.internal.job;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What an output directory was made from, kept in {@code DIR/_salvo/job.properties}: the input
 * and its fingerprint, the wave size and the format. {@code --resume} checks it, so that a
 * resumed run continues the same input with the same waves. Immutable.
 *
 * @param input       the input as given
 * @param fingerprint {@link InputFingerprint} of the input
 * @param waveSize    URLs per wave
 * @param format      {@code parquet} or {@code jsonl}
 */
record JobRecord(String input, String fingerprint, long waveSize, String format) {

    static JobRecord read(FileSystem fs, Path file) throws IOException {
        Properties p = new Properties();
        try (FSDataInputStream in = fs.open(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return new JobRecord(p.getProperty("input", "?"), p.getProperty("fingerprint", ""),
                Long.parseLong(p.getProperty("wave-size", "0")), p.getProperty("format", "parquet"));
    }

    /** Writes the record whole, then moves it into place, so a crash never leaves half of one. */
    void write(FileSystem fs, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("input", input);
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("wave-size", Long.toString(waveSize));
        p.setProperty("format", format);
        Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(temporary, true);
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            p.store(writer, "salvo spark: the run that writes this directory");
        }
        fs.delete(file, false);
        if (!fs.rename(temporary, file)) {
            throw new IOException("cannot move " + temporary + " to " + file);
        }
    }
}
