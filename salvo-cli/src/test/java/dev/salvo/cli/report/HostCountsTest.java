package dev.salvo.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link HostCounts} against the map of strings it replaces, across its chunks and its cap. */
class HostCountsTest {

    private static final Comparator<RunDetail.HostOutcome> BY_HOST = Comparator.comparing(RunDetail.HostOutcome::host);

    @Test
    void countsEachHostApartUpToTheCapAndTheRestTogether() {
        HostCounts counts = new HostCounts(2, "(other hosts)");
        counts.count("a", true);
        counts.count("b", false);
        counts.count("c", false);
        counts.count("a", false);
        counts.count("d", true);
        counts.count("b", true);
        assertEquals(List.of(new RunDetail.HostOutcome("(other hosts)", 1, 1), new RunDetail.HostOutcome("a", 1, 1),
                new RunDetail.HostOutcome("b", 1, 1)), counts.outcomes().stream().sorted(BY_HOST).toList());
        assertEquals(3, counts.size());
    }

    /**
     * Tens of thousands of hosts of random names, some long, so entries and names span many
     * chunks and the table grows several times: the counts agree with a plain map's.
     */
    @Test
    void agreesWithAMapOverManyHostsAndChunks() {
        Random random = new Random(3);
        int cap = 20_000;
        HostCounts counts = new HostCounts(cap, "(other hosts)");
        Map<String, long[]> model = new HashMap<>();
        for (int i = 0; i < 120_000; i++) {
            int n = random.nextInt(30_000);
            String host = "h" + n + ".test".repeat(n % 7 == 0 ? 40 : 1) + ":" + (80 + n % 3);
            boolean ok = random.nextBoolean();
            counts.count(host, ok);
            long[] c = model.get(host);
            if (c == null) {
                c = model.computeIfAbsent(model.size() < cap ? host : "(other hosts)", k -> new long[2]);
            }
            c[ok ? 0 : 1]++;
        }
        List<RunDetail.HostOutcome> expected = model.entrySet().stream()
                .map(e -> new RunDetail.HostOutcome(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(BY_HOST).toList();
        assertEquals(expected, counts.outcomes().stream().sorted(BY_HOST).toList());
    }

    @Test
    void aNameLongerThanAnyHostIsCountedByItsStart() {
        HostCounts counts = new HostCounts(10, "(other hosts)");
        String longName = "x".repeat(HostCounts.MAX_NAME + 10);
        counts.count(longName, false);
        counts.count(longName + "y", false);
        assertEquals(List.of(new RunDetail.HostOutcome("x".repeat(HostCounts.MAX_NAME), 0, 2)), counts.outcomes());
    }
}
