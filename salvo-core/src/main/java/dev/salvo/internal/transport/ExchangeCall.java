package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.function.Consumer;

/**
 * One exchange's progress: counts and hashes the body as it streams, enforces the body cap, and
 * makes sure {@code done} is called exactly once, whichever of response end, failure, timeout or
 * abort comes first. Confined to the engine's event-loop thread.
 */
final class ExchangeCall implements Transport.InFlight {

    private final Consumer<Outcome> done;
    private final long maxBody;
    private final boolean keepBody;
    private final boolean keepHeaders;
    private HttpClientRequest request;
    private Runnable onFinish = () -> { };
    private boolean finished;

    ExchangeCall(Consumer<Outcome> done, long maxBody, boolean keepBody, boolean keepHeaders) {
        this.done = done;
        this.maxBody = maxBody;
        this.keepBody = keepBody;
        this.keepHeaders = keepHeaders;
    }

    void onFinish(Runnable action) {
        this.onFinish = action;
    }

    void attach(HttpClientRequest request) {
        this.request = request;
        if (finished) {
            request.reset(); // aborted while the connection was being obtained
        }
    }

    void fail(Throwable cause) {
        finish(FailureClassifier.classify(cause));
    }

    @Override
    public void abort(ErrorType type, String message) {
        if (finished) {
            return;
        }
        finish(new Outcome.Failure(type, message));
        if (request != null) {
            request.reset();
        }
    }

    void read(HttpClientResponse response) {
        int status = response.statusCode();
        String contentType = response.getHeader("Content-Type");
        String overCap = BodyDigest.declaredLengthOverCap(response.getHeader("Content-Length"), maxBody);
        if (overCap != null) {
            tooLarge(status, contentType, overCap);
            return;
        }
        BodyDigest body = new BodyDigest(maxBody, keepBody);
        response.handler(chunk -> {
            if (!finished && !body.add(((BufferInternal) chunk).getByteBuf())) {
                tooLarge(status, contentType, body.overCapMessage());
            }
        });
        response.exceptionHandler(this::fail);
        java.util.Map<String, java.util.List<String>> headers = null;
        if (keepHeaders) {
            headers = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<String, String> header : response.headers()) {
                headers.computeIfAbsent(header.getKey().toLowerCase(java.util.Locale.ROOT),
                        name -> new java.util.ArrayList<>(1)).add(header.getValue());
            }
        }
        java.util.Map<String, java.util.List<String>> kept = headers;
        response.endHandler(end -> finish(new Outcome.Response(status, contentType,
                response.getHeader("Location"), response.getHeader("Retry-After"), body.bytes(),
                body.sha256(), body.body(), body.bytes(), kept)));
    }

    private void tooLarge(int status, String contentType, String message) {
        finish(new Outcome.Failure(ErrorType.TOO_LARGE, message, status, contentType));
        // Resetting closes the connection, so the rest of the body is never downloaded.
        request.reset();
    }

    private void finish(Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        onFinish.run();
        done.accept(outcome);
    }
}
