import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.internal.engine.RunImpl;
import dev.salvo.internal.transport.NetworkStack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the event loop is held by a run's first https URL: fetches a plain-http URL three
 * times (the loop's own start-up is not what is measured), then one https URL, while a probe
 * thread posts a no-op task to the loop every 2 ms and keeps the longest time one waited to run.
 * With STACKS=1 in the environment it prints the loop's stack whenever a task has waited 20 ms.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp salvo-cli/target/salvo.jar bench/LoopLag.java https://HOST:PORT/ LABEL http://HOST:PORT/
 * </pre>
 *
 * A whole-JVM figure on a shared machine: the probe thread's own scheduling delay is included.
 */
public class LoopLag {
    public static void main(String[] args) throws Exception {
        SalvoConfig config = SalvoConfig.builder().insecure(true).build();
        try (NetworkStack network = new NetworkStack(config)) {
            Executor loop = network.executor();
            AtomicLong worst = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            AtomicBoolean armed = new AtomicBoolean();
            Thread probe = Thread.ofPlatform().daemon().start(() -> {
                while (!done.get()) {
                    long posted = System.nanoTime();
                    CountDownLatch ran = new CountDownLatch(1);
                    loop.execute(ran::countDown);
                    try {
                        int samples = 0;
                        while (!ran.await(20, TimeUnit.MILLISECONDS)) {
                            if (System.getenv("STACKS") != null && armed.get() && samples++ < 30) {
                                printLoopStack();
                            }
                        }
                        worst.accumulateAndGet(System.nanoTime() - posted, Math::max);
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            for (int i = 0; i < 3; i++) {
                fetch(config, network, args[2]);
            }
            Thread.sleep(200);
            worst.set(0);
            armed.set(true);
            long start = System.nanoTime();
            FetchResult result = fetch(config, network, args[0]);
            long took = System.nanoTime() - start;
            done.set(true);
            probe.join();
            System.out.printf("%s ok=%s fetch %d ms; longest loop delay %d ms%n", args[1], result.ok(),
                    took / 1_000_000, worst.get() / 1_000_000);
        }
    }

    private static FetchResult fetch(SalvoConfig config, NetworkStack network, String url) {
        RunImpl run = new RunImpl(config, network.transport(), network.executor(),
                List.of(FetchRequest.of(0, url)).iterator());
        run.startFeeding();
        List<FetchResult> results = new ArrayList<>();
        run.deliverResults(results::add);
        return results.get(0);
    }

    private static void printLoopStack() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("salvo-loop")) {
                StringBuilder text = new StringBuilder("--- loop busy:");
                for (int i = 0; i < Math.min(stack.length, 40); i++) {
                    text.append("\n   ").append(stack[i]);
                }
                System.out.println(text);
            }
        });
    }
}
