package dev.salvo.it;

import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import dev.salvo.testing.FakeTime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A listener that records every event, and optionally a readable line per event stamped with
 * a {@link FakeTime}'s elapsed time, for tests that assert on a log of what happened when.
 * Thread-safe: the engine thread writes, the test thread reads.
 */
final class Events implements SalvoListener {

    private final List<SalvoEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final FakeTime time;
    private final Function<SalvoEvent, String> describe;

    /** Records events without a log. */
    Events() {
        this(null, event -> null);
    }

    /** Records events, and logs "+&lt;ms&gt; &lt;line&gt;" for each event {@code describe} names (non-null). */
    Events(FakeTime time, Function<SalvoEvent, String> describe) {
        this.time = time;
        this.describe = describe;
    }

    @Override
    public void onEvent(SalvoEvent event) {
        events.add(event);
        String line = describe.apply(event);
        if (line != null) {
            log.add("+" + millis(Duration.ofNanos(time.elapsedNanos())) + " " + line);
        }
    }

    List<SalvoEvent> all() {
        return List.copyOf(events);
    }

    <T extends SalvoEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** How many events so far. */
    int count() {
        return events.size();
    }

    /** Attempts started and not yet finished: requests whose outcome may still schedule a timer. */
    int inFlight() {
        int started = 0;
        int finished = 0;
        for (SalvoEvent event : events) {
            if (event instanceof SalvoEvent.AttemptStarted) {
                started++;
            } else if (event instanceof SalvoEvent.AttemptFinished) {
                finished++;
            }
        }
        return started - finished;
    }

    List<String> log() {
        return List.copyOf(log);
    }

    /** A duration as whole milliseconds with "ms", the unit every log here uses. */
    static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
