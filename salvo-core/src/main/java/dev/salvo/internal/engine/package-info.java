/**
 * The engine: the run that feeds input in and delivers results out within a bounded window
 * ({@code RunImpl}); the scheduler that decides which queued work may start now under every limit
 * ({@code Scheduler}, {@code GlobalLimits}); the attempt lifecycle that turns each outcome into a
 * redirect, a retry or a result ({@code AttemptLifecycle}, with the pure {@code OutcomeRules});
 * the states of a URL's life ({@code UrlState}); and the bounded table of hosts
 * ({@code HostTable}, {@code HostState}).
 *
 * <p>All scheduling state is confined to one event-loop thread, so none of it is locked; only
 * the gauges behind {@code FetchRun.snapshot()} are published for other threads.
 */
package dev.salvo.internal.engine;
