package dev.salvo.it;

import dev.salvo.FetchRequest;
import dev.salvo.testing.MisbehavingServer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Builds request lists, and an input the test can feed while a run is going. */
final class Inputs {

    private Inputs() {
    }

    /** {@code n} distinct URLs {@code <path>/0 .. <path>/(n-1)} on {@code server}. */
    static List<String> urls(MisbehavingServer server, String path, int n) {
        List<String> urls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            urls.add(server.url(path + "/" + i).toString());
        }
        return urls;
    }

    /** Requests for {@code urls}, indexed 0..n-1. */
    static Iterator<FetchRequest> requests(List<String> urls) {
        List<FetchRequest> requests = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            requests.add(FetchRequest.of(i, urls.get(i)));
        }
        return requests.iterator();
    }

    /**
     * An input the test adds URLs to in phases while the run is going; the run's reader blocks
     * (for at most 30 s of real time) until the next URL or {@link #end()}. Thread-safe.
     */
    static final class Live implements Iterator<FetchRequest> {
        private static final String END = "\u0000end";
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private String next;
        private long index;

        void add(List<String> urls) {
            queue.addAll(urls);
        }

        void end() {
            queue.add(END);
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = queue.poll(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for input", e);
                }
                if (next == null) {
                    throw new IllegalStateException("the test fed no input for 30 s");
                }
            }
            return !next.equals(END);
        }

        @Override
        public FetchRequest next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FetchRequest request = FetchRequest.of(index++, next);
            next = null;
            return request;
        }
    }
}
