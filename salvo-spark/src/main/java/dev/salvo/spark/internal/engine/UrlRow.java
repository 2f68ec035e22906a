package dev.salvo.spark.internal.engine;

import dev.salvo.FetchRequest;

import java.io.Serializable;

/**
 * One input URL on its way through Spark's shuffle to the task that fetches its host.
 *
 * @param index   the URL's position in the input, from 0
 * @param url     the URL as given
 * @param id      the caller's identifier, or null
 * @param host    the engine's host key ({@link dev.salvo.HostKey}), or null for an invalid URL
 * @param details the request's own method, headers and body, or null for a plain request
 */
public record UrlRow(long index, String url, String id, String host, RequestDetails details) implements Serializable {

    public FetchRequest toRequest() {
        return details == null ? new FetchRequest(index, url, id) : details.toRequest(index, url, id);
    }
}
