package dev.salvo.spark.internal.partition;

import dev.salvo.spark.internal.partition.HostPlan.HostCount;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where hosts go: one task per host, heavy hosts apart, light hosts filling the room left. */
class HostPlanTest {

    @Test
    void aHostAlwaysGoesToTheSameTask() {
        HostPlan plan = HostPlan.of(8, 1000, List.of(new HostCount("big.example:443", 300)));
        for (String host : List.of("a.example:80", "b.example:443", "big.example:443")) {
            int task = plan.taskOf(host, 0);
            for (long index = 1; index < 50; index++) {
                assertEquals(task, plan.taskOf(host, index), host);
            }
        }
    }

    @Test
    void heavyHostsArePlacedLargestFirstOnTheLeastLoadedTask() {
        HostPlan plan = HostPlan.of(2, 1000, List.of(new HostCount("d:80", 100), new HostCount("a:80", 400),
                new HostCount("c:80", 200), new HostCount("b:80", 300)));
        assertEquals(500, plan.heavyLoad(0));
        assertEquals(500, plan.heavyLoad(1));
        assertEquals(plan.heavyTask("a:80"), plan.heavyTask("d:80"));
        assertEquals(plan.heavyTask("b:80"), plan.heavyTask("c:80"));
        assertNotEquals(plan.heavyTask("a:80"), plan.heavyTask("b:80"));
    }

    @Test
    void aDominantHostGetsATaskOfItsOwnAndLightHostsFillTheOthers() {
        // 9,000 URLs of one host and 1,000 single-URL hosts over 4 tasks.
        HostPlan plan = HostPlan.of(4, 10_000, List.of(new HostCount("big:443", 9_000)));
        int bigTask = plan.taskOf("big:443", 0);
        assertEquals(9_000, plan.heavyLoad(bigTask));
        for (int h = 0; h < 1_000; h++) {
            assertNotEquals(bigTask, plan.taskOf("light-" + h + ":80", h), "light hosts stay off the big host's task");
        }
    }

    @Test
    void manySmallHostsSpreadEvenly() {
        int tasks = 8;
        int hosts = 16_000;
        HostPlan plan = HostPlan.of(tasks, hosts, List.of());
        int[] load = new int[tasks];
        for (int h = 0; h < hosts; h++) {
            load[plan.taskOf("host-" + h + ".example:443", h)]++;
        }
        for (int t = 0; t < tasks; t++) {
            assertTrue(Math.abs(load[t] - hosts / tasks) < hosts / tasks / 10, "task " + t + " has " + load[t]);
        }
    }

    @Test
    void invalidUrlsAreSpreadByIndex() {
        HostPlan plan = HostPlan.of(4, 400, List.of());
        List<Integer> used = new ArrayList<>();
        for (long index = 0; index < 400; index++) {
            int task = plan.taskOf(null, index);
            if (!used.contains(task)) {
                used.add(task);
            }
        }
        assertEquals(4, used.size());
    }

    @Test
    void theHeavyThresholdKeepsTheDriversShareSmall() {
        // A host with a quarter of a task's fair share or more is heavy: at most 4 per task.
        assertEquals(250, HostPlan.heavyThreshold(10_000, 10));
        assertEquals(2, HostPlan.heavyThreshold(10, 100));
    }
}
