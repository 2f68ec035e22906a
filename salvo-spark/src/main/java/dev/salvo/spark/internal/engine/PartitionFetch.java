package dev.salvo.spark.internal.engine;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One task's fetch: streams the task's partition through one Salvo engine and yields one result
 * per input URL, as the partition is read. Memory is bounded by the engine's window and two
 * hand-over queues; nothing is collected.
 *
 * <p>Spark's partition iterator is read only on the task's own thread (Spark's iterators rely on
 * the task's thread-local context), so this class pumps: each call to {@link #hasNext} moves input
 * into a bounded queue that the engine's input thread reads, and takes results from a bounded
 * queue that the engine's results thread fills.
 *
 * <p>Not thread-safe: Spark's task thread uses it; {@link #close} may come from a task listener.
 */
public final class PartitionFetch implements Iterator<FetchResult>, AutoCloseable {

    /** Marks the end of the input in the request queue. */
    private static final Object END = new Object();
    private static final long POLL_MILLIS = 20;

    private final Iterator<UrlRow> input;
    private final Salvo salvo;
    private final BlockingQueue<Object> requests;
    private final BlockingQueue<FetchResult> results;
    private final FetchRun run;
    private Object staged;
    private boolean inputEnded;
    private FetchResult next;
    private boolean finished;

    public PartitionFetch(Iterator<UrlRow> input, SalvoConfig config) {
        this.input = input;
        int queue = Math.max(64, config.window());
        this.requests = new ArrayBlockingQueue<>(queue);
        this.results = new ArrayBlockingQueue<>(queue);
        this.salvo = Salvo.create(config);
        this.run = salvo.start(new QueueInput(requests), this::deliver);
    }

    private void deliver(FetchResult result) {
        try {
            results.put(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over a result", e);
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            while (true) {
                next = results.poll();
                if (next != null) {
                    return true;
                }
                if (feed()) {
                    continue;
                }
                if (run.isDone()) {
                    next = results.poll();
                    if (next != null) {
                        return true;
                    }
                    run.await();  // rethrows what ended the run early, if anything did
                    if (!inputEnded) {
                        throw new IllegalStateException("the engine ended before reading all of its input");
                    }
                    close();
                    return false;
                }
                next = results.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            // Spark interrupts a task it kills: stop the engine and let Spark see the interrupt.
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("task interrupted", e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Moves one input row (or the end mark) into the request queue; false when none moved. */
    private boolean feed() {
        if (inputEnded) {
            return false;
        }
        if (staged == null) {
            staged = input.hasNext() ? input.next().toRequest() : END;
        }
        if (!requests.offer(staged)) {
            return false;
        }
        inputEnded = staged == END;
        staged = null;
        return true;
    }

    @Override
    public FetchResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FetchResult result = next;
        next = null;
        return result;
    }

    /** Stops the engine (URLs not yet done end as cancelled) and releases it. Idempotent. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (!run.isDone()) {
            run.cancel();
            results.clear();
        }
        salvo.close();
    }

    /** The engine's side of the request queue; read on the engine's input thread. */
    private static final class QueueInput implements Iterator<FetchRequest> {
        private final BlockingQueue<Object> queue;
        private Object head;

        QueueInput(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public boolean hasNext() {
            if (head == null) {
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // The run is being stopped; no more input.
                    head = END;
                }
            }
            return head != END;
        }

        @Override
        public FetchRequest next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FetchRequest request = (FetchRequest) head;
            head = null;
            return request;
        }
    }
}
