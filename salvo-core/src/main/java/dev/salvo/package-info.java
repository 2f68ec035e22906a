/**
 * Salvo's public API: {@link dev.salvo.Salvo} fetches many URLs concurrently under global and
 * per-host limits, rate limits, timeouts, retries and circuit breakers, and gives every
 * {@link dev.salvo.FetchRequest} exactly one {@link dev.salvo.FetchResult}. Configure it with
 * {@link dev.salvo.SalvoConfig#builder()}; observe it with a {@link dev.salvo.SalvoListener}.
 * Everything under {@code dev.salvo.internal} may change without notice.
 */
package dev.salvo;
