package dev.salvo.internal.transport;

import dev.salvo.SalvoConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts Vert.x and its client on first use. Vert.x runs on its own event loop, so every call
 * hops: requests are sent from Vert.x's context and outcomes are handed back to the engine loop.
 * Confined to the engine's event-loop thread (the hops are the only cross-thread traffic).
 */
final class LazyVertxTransport implements Transport {

    private final Executor engineLoop;
    private final SalvoConfig config;
    private Vertx vertx;
    private Context context;
    private VertxTransport delegate;

    LazyVertxTransport(Executor engineLoop, SalvoConfig config) {
        this.engineLoop = engineLoop;
        this.config = config;
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        if (delegate == null) {
            start();
        }
        // Set on Vert.x's thread, read there too: the abort hop runs after the send hop.
        InFlight[] started = new InFlight[1];
        context.runOnContext(ignored -> started[0] = delegate.send(exchange,
                outcome -> engineLoop.execute(() -> done.accept(outcome))));
        return (type, message) -> context.runOnContext(ignored -> {
            if (started[0] != null) {
                started[0].abort(type, message);
            }
        });
    }

    /** Blocks the engine loop once, for Vert.x's start-up (a few hundred milliseconds). */
    private void start() {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setPreferNativeTransport(false));
        context = vertx.getOrCreateContext();
        delegate = new VertxTransport(vertx, config);
    }

    @Override
    public void close() {
        if (vertx == null) {
            return;
        }
        context.runOnContext(ignored -> delegate.close());
        try {
            vertx.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: Vert.x's threads are not needed any more.
        }
    }
}
