package dev.salvo.cli.output;

import dev.salvo.FetchResult;

/**
 * Where a run's results go: JSON Lines ({@link RecordWriter}), Parquet parts, or a WARC archive in
 * front of either. {@link #write} is called from one thread at a time (the results thread);
 * {@link #flushIfStale} and {@link #close} may come from a timer or a signal handler, so
 * implementations say how they guard that.
 */
public interface ResultSink extends AutoCloseable {

    /** Writes what the run made of one URL. */
    void write(FetchResult result, Extras extras);

    /**
     * Runs {@code action} before any bytes reach a terminal the progress line also uses; sinks that
     * never write to standard output ignore it.
     */
    default void beforeOutput(Runnable action) {
    }

    /** Hands buffered results to the operating system, if the format allows it mid-file. */
    void flushIfStale();

    /** Finishes the output; after this nothing is written. */
    @Override
    void close();

    /**
     * What the command line adds to a result besides the engine's fields. Immutable.
     *
     * @param bodyFile   where the body was saved, or null
     * @param warcFile   the WARC file holding the final response, or null
     * @param warcOffset the offset of that response record in it, or -1
     */
    record Extras(String bodyFile, String warcFile, long warcOffset) {
        /** Nothing added. */
        public static final Extras NONE = new Extras(null, null, -1);

        /** These extras with {@code bodyFile} set. */
        public Extras withBodyFile(String file) {
            return new Extras(file, warcFile, warcOffset);
        }
    }
}
