package dev.salvo.cli.input;

import dev.salvo.FetchRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The requests of a line-oriented input, read one line at a time as the engine asks: memory use
 * does not depend on the input's length. {@code index} counts URL lines only, from 0.
 *
 * <p>Not thread-safe: the engine reads it from one thread. A read error surfaces as an
 * {@link UncheckedIOException} from {@link #hasNext()}.
 */
public final class UrlLines implements Iterator<FetchRequest> {

    private final BufferedReader reader;
    private final LineParser parser;
    private FetchRequest next;
    private long index;
    private boolean firstLine = true;
    private boolean ended;

    /** Lines as they are: no base URL, no body. */
    public UrlLines(BufferedReader reader) {
        this(reader, LineParser.PLAIN);
    }

    public UrlLines(BufferedReader reader, LineParser parser) {
        this.reader = reader;
        this.parser = parser;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (firstLine) {
                    firstLine = false;
                    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                        line = line.substring(1);
                    }
                }
                if (LineParser.isUrlLine(line)) {
                    next = parser.parse(index++, line);
                    return true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input: " + e.getMessage(), e);
        }
        ended = true;
        return false;
    }

    @Override
    public FetchRequest next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FetchRequest request = next;
        next = null;
        return request;
    }
}
