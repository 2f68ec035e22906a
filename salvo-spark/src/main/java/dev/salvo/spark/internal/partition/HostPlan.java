package dev.salvo.spark.internal.partition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which task of a wave fetches each host. Every URL of one host goes to the same task, so the
 * engine in that task holds the host's per-host cap, rate, circuit and Retry-After pauses for the
 * whole job. Hosts are spread so that tasks get similar numbers of URLs:
 *
 * <ol>
 *   <li>heavy hosts (each at least a quarter of a task's fair share, so at most four per task)
 *       are placed largest first on the least loaded task;</li>
 *   <li>every other host goes to a task drawn by a hash of its key, weighted by the room each task
 *       has left after step 1, so light hosts fill what heavy ones left.</li>
 * </ol>
 *
 * Only the heavy hosts are sent to the driver and on to the executors; a wave of a million
 * single-URL hosts costs a few doubles. URLs without a host (invalid URLs, answered at once) are
 * spread by their index.
 *
 * <p>Immutable; thread-safe.
 */
public final class HostPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A host and its number of URLs in the wave. */
    public record HostCount(String host, long urls) implements Serializable { }

    private final int tasks;
    private final Map<String, Integer> heavy;
    /** Upper bounds, in [0, 1], of each task's share of the light hosts' hash space. */
    private final double[] cumulative;
    private final long[] heavyLoad;

    private HostPlan(int tasks, Map<String, Integer> heavy, double[] cumulative, long[] heavyLoad) {
        this.tasks = tasks;
        this.heavy = heavy;
        this.cumulative = cumulative;
        this.heavyLoad = heavyLoad;
    }

    /** The smallest count that makes a host heavy, for a wave of {@code urls} over {@code tasks}. */
    public static long heavyThreshold(long urls, int tasks) {
        return Math.max(2, urls / (4L * tasks));
    }

    /**
     * @param tasks      tasks in the wave
     * @param urls       URLs in the wave
     * @param heavyHosts the hosts with at least {@link #heavyThreshold} URLs, in any order
     */
    public static HostPlan of(int tasks, long urls, List<HostCount> heavyHosts) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be > 0, was " + tasks);
        }
        List<HostCount> sorted = new ArrayList<>(heavyHosts);
        // Largest first; ties by name so the plan does not depend on the order Spark collected them.
        sorted.sort(Comparator.comparingLong(HostCount::urls).reversed().thenComparing(HostCount::host));
        long[] load = new long[tasks];
        Map<String, Integer> heavy = new HashMap<>();
        for (HostCount host : sorted) {
            int least = 0;
            for (int t = 1; t < tasks; t++) {
                if (load[t] < load[least]) {
                    least = t;
                }
            }
            heavy.put(host.host(), least);
            load[least] += host.urls();
        }
        double fair = (double) urls / tasks;
        double[] room = new double[tasks];
        double total = 0;
        for (int t = 0; t < tasks; t++) {
            room[t] = Math.max(0, fair - load[t]);
            total += room[t];
        }
        if (total <= 0) {
            Arrays.fill(room, 1);
            total = tasks;
        }
        double[] cumulative = new double[tasks];
        double sum = 0;
        for (int t = 0; t < tasks; t++) {
            sum += room[t] / total;
            cumulative[t] = sum;
        }
        cumulative[tasks - 1] = 1.0;
        return new HostPlan(tasks, Map.copyOf(heavy), cumulative, load);
    }

    public int tasks() {
        return tasks;
    }

    /** The task that fetches a URL of {@code host} (null for an invalid URL) at {@code index}. */
    public int taskOf(String host, long index) {
        if (host == null) {
            return (int) Math.floorMod(mix(index), (long) tasks);
        }
        Integer task = heavy.get(host);
        if (task != null) {
            return task;
        }
        double u = (mix(host.hashCode()) >>> 11) * 0x1.0p-53;
        int at = Arrays.binarySearch(cumulative, u);
        int task2 = at >= 0 ? at + 1 : -at - 1;
        return Math.min(task2, tasks - 1);
    }

    /** URLs of heavy hosts placed on {@code task}. */
    public long heavyLoad(int task) {
        return heavyLoad[task];
    }

    /** The task holding heavy host {@code host}, or -1 when it is not heavy. */
    public int heavyTask(String host) {
        return heavy.getOrDefault(host, -1);
    }

    /** A 64-bit finaliser (from SplitMix64): spreads close keys far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
