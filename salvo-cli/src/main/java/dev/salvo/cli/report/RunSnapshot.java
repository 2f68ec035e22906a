package dev.salvo.cli.report;

import dev.salvo.ErrorType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a run at one moment. Immutable.
 *
 * @param results        URLs that reached their result
 * @param ok             of those, how many ended with a 2xx response
 * @param attempts       attempts sent, retries included (redirect hops inside an attempt are not counted)
 * @param inFlight       requests sent and not yet answered
 * @param retries        retries scheduled
 * @param hostPauses     times a host asked us to wait with Retry-After
 * @param circuitsOpened times a host's circuit opened
 * @param failures       failed URLs by error type (only types that occurred)
 * @param statuses       URLs by final HTTP status, ascending (only those with a response)
 * @param cancelled      of {@code results}, URLs cancelled by an interruption: they get no record
 * @param retriesWaiting URLs waiting out a backoff before their next attempt
 * @param openCircuits   hosts whose circuit is open or half-open
 * @param failureStatuses failed URLs by error type, then by final status (only those with a response):
 *                       each failed URL counts once, under its final error type
 */
public record RunSnapshot(long results, long ok, long attempts, long inFlight, long retries, long hostPauses,
                          long circuitsOpened, Map<ErrorType, Long> failures, Map<Integer, Long> statuses,
                          long cancelled, long retriesWaiting, long openCircuits,
                          Map<ErrorType, Map<Integer, Long>> failureStatuses) {

    public RunSnapshot {
        Map<ErrorType, Long> byType = new EnumMap<>(ErrorType.class);
        byType.putAll(failures);
        failures = Collections.unmodifiableMap(byType);
        statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
        Map<ErrorType, Map<Integer, Long>> statusesByType = new EnumMap<>(ErrorType.class);
        failureStatuses.forEach((type, counts) ->
                statusesByType.put(type, Collections.unmodifiableMap(new TreeMap<>(counts))));
        failureStatuses = Collections.unmodifiableMap(statusesByType);
    }

    /** URLs that finished without a 2xx response (cancelled ones did not finish). */
    public long failed() {
        return results - ok - cancelled;
    }

    /** URLs that finished, whatever the outcome: each has a record. */
    public long finished() {
        return results - cancelled;
    }
}
