/**
 * The scheduler: per-host queues, the dispatcher that starts a request only when every limit
 * allows it, the rules that turn an attempt's outcome into a retry or a result, and the run that
 * feeds input in and delivers results out within a bounded window.
 *
 * <p>All scheduling state is confined to one Netty event-loop thread, so none of it is locked.
 */
package dev.salvo.internal.engine;
