package dev.salvo.cli.refresh;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.cli.output.ResultSink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Refreshing against a {@link PreviousRun}: {@link #conditional} adds {@code If-None-Match} and
 * {@code If-Modified-Since} to the requests of URLs that had validators, and {@link #sink} turns
 * each {@code 304 Not Modified} into a record that keeps the earlier body's {@code sha256} and
 * {@code bytes} (and validators, when the 304 did not repeat them), so that a pipeline can tell
 * what changed without downloading it again. Thread-safe (the previous run is read-only).
 */
public final class Refresh {

    private final PreviousRun previous;

    public Refresh(PreviousRun previous) {
        this.previous = previous;
    }

    /** {@code requests}, those with earlier validators made conditional. */
    public Iterator<FetchRequest> conditional(Iterator<FetchRequest> requests) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return requests.hasNext();
            }

            @Override
            public FetchRequest next() {
                FetchRequest request = requests.next();
                PreviousRun.Entry entry = previous.get(request.url());
                if (entry == null) {
                    return request;
                }
                List<Header> conditions = new ArrayList<>(2);
                if (entry.etag() != null) {
                    conditions.add(new Header("If-None-Match", entry.etag()));
                }
                if (entry.lastModified() != null) {
                    conditions.add(new Header("If-Modified-Since", entry.lastModified()));
                }
                return request.withHeaders(conditions);
            }
        };
    }

    /** A sink that completes unchanged results from the previous run, then writes to {@code records}. */
    public ResultSink sink(ResultSink records) {
        return new ResultSink() {
            @Override
            public void write(FetchResult result, Extras extras) {
                records.write(complete(result), extras);
            }

            @Override
            public void beforeOutput(Runnable action) {
                records.beforeOutput(action);
            }

            @Override
            public void flushIfStale() {
                records.flushIfStale();
            }

            @Override
            public void close() {
                records.close();
            }
        };
    }

    private FetchResult complete(FetchResult result) {
        PreviousRun.Entry entry = result.unchanged() ? previous.get(result.url()) : null;
        if (entry == null) {
            return result;
        }
        return result.withEarlierBody(entry.sha256(), entry.bytes(), entry.etag(), entry.lastModified());
    }
}
