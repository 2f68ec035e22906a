package dev.salvo.internal.engine;

import dev.salvo.EngineSnapshot;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.SalvoConfig;
import dev.salvo.internal.transport.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run: a feeder thread reads input lazily into the engine, the engine (on its event loop)
 * schedules it, and {@link #deliverResults} hands results to the caller's sink.
 *
 * <p>Memory is bounded by the window: a permit is taken before a request is read and given back
 * only after its result has been delivered, so at most {@code window} requests exist at once,
 * whether queued, in flight, waiting to retry or held in the reorder buffer.
 *
 * <p>Thread-safe.
 */
public final class RunImpl implements FetchRun {

    /** A delivered result with its admission number. */
    private record Completed(long seq, FetchResult result) { }

    /** An empty batch only wakes the deliverer so it re-checks whether the run has ended. */
    private static final List<Completed> WAKE = List.of();

    private final SalvoConfig config;
    private final Executor loop;
    private final Dispatcher dispatcher;
    private final Iterator<FetchRequest> input;
    private final Semaphore window;
    private final LinkedBlockingQueue<List<Completed>> results = new LinkedBlockingQueue<>();
    /** Results collected on the loop since the last batch was sent; loop-confined. */
    private List<Completed> outgoing = new ArrayList<>();
    private final ConcurrentLinkedQueue<Job> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean admissionScheduled = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Object lock = new Object();
    private Thread feeder;

    // Guarded by lock.
    private long submitted;
    private boolean inputEnded;
    /** True while the feeder is inside input.next(): a request may be on its way in. */
    private boolean reading;
    private boolean stopped;
    private RuntimeException inputFailure;
    private RuntimeException sinkFailure;

    public RunImpl(SalvoConfig config, Transport transport, Executor loop, Iterator<FetchRequest> input) {
        this.config = config;
        this.loop = loop;
        this.input = Objects.requireNonNull(input, "input");
        this.window = new Semaphore(config.window());
        this.dispatcher = new Dispatcher(config, transport, loop,
                this::collect);
    }

    /** Starts reading input on a daemon thread. */
    public void startFeeding() {
        feeder = new Thread(this::feed, "salvo-input");
        feeder.setDaemon(true);
        feeder.start();
    }

    private void feed() {
        try {
            while (true) {
                window.acquire();
                if (isStopped() || !input.hasNext()) {
                    window.release();
                    break;
                }
                synchronized (lock) {
                    reading = true;
                }
                FetchRequest request = input.next();
                if (request == null) {
                    window.release();
                    throw new NullPointerException("the input gave null instead of a request after "
                            + submittedSoFar() + " requests; every element must be a FetchRequest");
                }
                long seq;
                boolean stopNow;
                synchronized (lock) {
                    // A request read while the run stops is still admitted: the engine, stopping,
                    // ends it as cancelled, so it too gets its one result.
                    seq = submitted++;
                    stopNow = stopped;
                    reading = false;
                }
                incoming.add(Job.admit(request, seq));
                if (admissionScheduled.compareAndSet(false, true)) {
                    loop.execute(this::admitIncoming);
                }
                if (stopNow) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            // stop() interrupts a feeder blocked on the window; the run ends with what was read.
        } catch (RuntimeException e) {
            synchronized (lock) {
                // After stop(), the interrupt may surface as a closed channel; that is not a failure.
                if (!stopped) {
                    inputFailure = e;
                }
            }
        } finally {
            synchronized (lock) {
                inputEnded = true;
                reading = false;
            }
            results.add(WAKE);
        }
    }

    private long submittedSoFar() {
        synchronized (lock) {
            return submitted;
        }
    }

    /** On the loop: takes everything the feeder queued since the last call, in order. */
    private void admitIncoming() {
        admissionScheduled.set(false);
        List<Job> batch = new ArrayList<>();
        Job job;
        while ((job = incoming.poll()) != null) {
            batch.add(job);
        }
        if (!batch.isEmpty()) {
            dispatcher.admit(batch);
        }
    }

    /**
     * Hands every result to {@code sink} on the calling thread, in completion order (input order
     * when the configuration asks for it), and returns when all have been handed over.
     */
    public void deliverResults(Consumer<FetchResult> sink) {
        boolean interrupted = false;
        try {
            Map<Long, FetchResult> reorder = config.ordered() ? new HashMap<>() : null;
            long delivered = 0;
            long nextSeq = 0;
            while (!isFinished(delivered)) {
                List<Completed> batch;
                try {
                    batch = results.take();
                } catch (InterruptedException e) {
                    // The caller wants out: stop at once, but still hand over every result of what
                    // was read (cancelled ones included), then give the interrupt back.
                    interrupted = true;
                    stop(Duration.ZERO);
                    continue;
                }
                int handed = 0;
                try {
                    for (Completed completed : batch) {
                        if (reorder == null) {
                            sink.accept(completed.result());
                            handed++;
                            continue;
                        }
                        reorder.put(completed.seq(), completed.result());
                        FetchResult next;
                        while ((next = reorder.get(nextSeq)) != null) {
                            sink.accept(next);
                            reorder.remove(nextSeq);
                            handed++;
                            nextSeq++;
                        }
                    }
                } finally {
                    delivered += handed;
                    // One release per batch: the feeder wakes once per batch, not once per result.
                    window.release(handed);
                }
            }
        } catch (RuntimeException e) {
            // The sink failed (say, a broken pipe): nobody can take results any more, so the
            // run must not go on sending requests in the background. await() reports it too,
            // for runs whose results are delivered on a thread of Salvo's.
            synchronized (lock) {
                sinkFailure = e;
            }
            stop(Duration.ZERO);
            throw e;
        } catch (Error e) {
            stop(Duration.ZERO);
            throw e;
        } finally {
            // The run is over (or abandoned): the engine lets go of the hosts it remembers.
            try {
                loop.execute(dispatcher::close);
            } catch (RejectedExecutionException e) {
                // The loop is already shut down (Salvo closed): there is nothing left to let go of.
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        }
        rethrowFailure();
    }

    /**
     * On the loop: collects a result. Results finished in one turn of the event loop travel to
     * the delivering thread as one batch, so it is woken once per batch rather than per result.
     */
    private void collect(long seq, FetchResult result) {
        if (outgoing.isEmpty()) {
            loop.execute(this::sendOutgoing);
        }
        outgoing.add(new Completed(seq, result));
    }

    private void sendOutgoing() {
        if (!outgoing.isEmpty()) {
            results.add(outgoing);
            outgoing = new ArrayList<>();
        }
    }

    private boolean isFinished(long delivered) {
        synchronized (lock) {
            // After a stop the run ends without waiting for the input to end (it may block), but
            // not while a request is being read: that one is admitted and must get its result.
            return (inputEnded || (stopped && !reading)) && delivered == submitted;
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    @Override
    public void stop(Duration grace) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        if (feeder != null) {
            feeder.interrupt();
        }
        // Admit what the feeder already queued first, so that it is cancelled, not lost.
        try {
            loop.execute(() -> {
                admitIncoming();
                dispatcher.stop(grace);
            });
        } catch (RejectedExecutionException e) {
            // The loop is already shut down (a stop racing the run's end and Salvo's close): every
            // result was delivered, and there is nothing left to stop.
        }
        results.add(WAKE);
    }

    @Override
    public void await() throws InterruptedException {
        done.await();
        rethrowFailure();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        boolean finished = done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (finished) {
            rethrowFailure();
        }
        return finished;
    }

    /** Rethrows what ended the run early: the sink's failure first, else the input's. */
    private void rethrowFailure() {
        synchronized (lock) {
            if (sinkFailure != null) {
                throw sinkFailure;
            }
            if (inputFailure != null) {
                throw inputFailure;
            }
        }
    }

    @Override
    public EngineSnapshot snapshot() {
        return dispatcher.snapshot();
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }
}
