package dev.salvo.internal.engine;

import dev.salvo.ErrorType;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A transport with no sockets: each exchange ends, after a scripted latency on the injected clock,
 * with the next outcome scripted for its URL (a 200 when none is left). It records every
 * exchange and counts what is in flight per host, so a test can check the engine's caps from
 * the outside, as a server would see them.
 *
 * <p>Not thread-safe: used from the simulation's one thread.
 */
final class ScriptedTransport implements Transport {

    /** One scripted answer: what the exchange ends with, and how long after it was sent. */
    record Step(Outcome outcome, long latencyNanos) { }

    /**
     * One exchange as sent, with the host key it was sent to, and that host's and its address's
     * exchanges in flight, itself included.
     */
    record Sent(Exchange exchange, String hostKey, long atNanos, int hostInFlight, int addressInFlight) { }

    static final long DEFAULT_LATENCY = 1_000_000L;

    private final TimeSource time;
    private final Executor loop;
    private final Map<String, ArrayDeque<Step>> script = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Integer> inFlightByHost = new HashMap<>();
    private final Map<String, Integer> peakByHost = new HashMap<>();
    private final Map<String, Integer> inFlightByAddress = new HashMap<>();
    private int inFlight;
    private int peak;

    private final Consumer<Sent> onSend;
    private Function<String, Step> otherwise = url -> status(200);

    ScriptedTransport(TimeSource time, Executor loop, Consumer<Sent> onSend) {
        this.time = time;
        this.loop = loop;
        this.onSend = onSend;
    }

    /** Appends answers for {@code url}, used in order by its exchanges. */
    ScriptedTransport script(String url, Step... steps) {
        ArrayDeque<Step> queue = script.computeIfAbsent(url, u -> new ArrayDeque<>());
        for (Step step : steps) {
            queue.addLast(step);
        }
        return this;
    }

    /** What an exchange for a URL with no scripted answer left ends with; a 200 unless set. */
    ScriptedTransport otherwise(Function<String, Step> answer) {
        this.otherwise = answer;
        return this;
    }

    static Step status(int status) {
        return new Step(new Outcome.Response(status, "text/plain", null, null, 2, "00", null), DEFAULT_LATENCY);
    }

    static Step redirect(int status, String location) {
        return new Step(new Outcome.Response(status, null, location, null, 0, "00", null), DEFAULT_LATENCY);
    }

    static Step retryAfter(int status, String retryAfter) {
        return new Step(new Outcome.Response(status, null, null, retryAfter, 0, "00", null), DEFAULT_LATENCY);
    }

    static Step failure(ErrorType type) {
        return new Step(new Outcome.Failure(type, type.wireName() + " (scripted)"), DEFAULT_LATENCY);
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        String url = exchange.target().url();
        String host = exchange.target().hostKey();
        ArrayDeque<Step> steps = script.get(url);
        Step step = steps == null || steps.isEmpty() ? otherwise.apply(url) : steps.pollFirst();
        inFlight++;
        peak = Math.max(peak, inFlight);
        int atHost = inFlightByHost.merge(host, 1, Integer::sum);
        String address = addressKey(exchange.target());
        int atAddress = inFlightByAddress.merge(address, 1, Integer::sum);
        Sent record = new Sent(exchange, host, time.nanoTime(), atHost, atAddress);
        sent.add(record);
        onSend.accept(record);
        peakByHost.merge(host, atHost, Math::max);
        Exchange1 call = new Exchange1(host, address, done);
        // Like a real transport, the attempt's time budget ends a slow exchange with a timeout.
        long budget = exchange.timeoutMillis() * 1_000_000L;
        Outcome outcome = step.latencyNanos() <= budget ? step.outcome()
                : new Outcome.Failure(ErrorType.TIMEOUT, "no response within " + exchange.timeoutMillis() + " ms");
        // An exchange never ends in its own send(): its outcome arrives on a later loop turn.
        call.timer = time.schedule(Math.min(step.latencyNanos(), budget),
                () -> loop.execute(() -> call.finish(outcome)));
        return call;
    }

    /**
     * Host names share a few addresses: {@code hN.test} is at 10.0.0.(N mod 3), except every
     * fifth name, which does not resolve; other names resolve to nothing. Answered on a later
     * loop turn, like a resolver.
     */
    static String addressOf(String name) {
        if (name.matches("h\\d+\\.test")) {
            int n = Integer.parseInt(name.substring(1, name.indexOf('.')));
            return n % 5 == 4 ? null : "10.0.0." + (n % 3);
        }
        return null;
    }

    /** What an exchange to {@code target} counts against: its address, else its host key (as the engine does). */
    private static String addressKey(dev.salvo.internal.url.Target target) {
        String address = addressOf(target.connectHost());
        return address != null ? address : target.hostKey();
    }

    @Override
    public void firstAddress(dev.salvo.internal.url.Target target, Consumer<String> done) {
        String address = addressOf(target.connectHost());
        loop.execute(() -> done.accept(address));
    }

    @Override
    public void close() {
    }

    List<Sent> sent() {
        return sent;
    }

    int inFlight() {
        return inFlight;
    }

    int peakInFlight() {
        return peak;
    }

    Map<String, Integer> peakByHost() {
        return peakByHost;
    }

    /** One exchange under way. */
    private final class Exchange1 implements InFlight {
        final String host;
        final String address;
        final Consumer<Outcome> done;
        TimeSource.Cancellable timer;
        boolean finished;

        Exchange1(String host, String address, Consumer<Outcome> done) {
            this.host = host;
            this.address = address;
            this.done = done;
        }

        void finish(Outcome outcome) {
            if (finished) {
                return;
            }
            finished = true;
            inFlight--;
            inFlightByHost.merge(host, -1, Integer::sum);
            inFlightByAddress.merge(address, -1, Integer::sum);
            done.accept(outcome);
        }

        @Override
        public void abort(ErrorType type, String message) {
            if (!finished) {
                timer.cancel();
                loop.execute(() -> finish(new Outcome.Failure(type, message)));
            }
        }
    }
}
