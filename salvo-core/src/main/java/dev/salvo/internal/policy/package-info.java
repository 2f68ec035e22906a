/**
 * Pure policy maths: token buckets, backoff, retry classification, Retry-After and circuit
 * breakers. Each answers a question about (now, state); the scheduler does the waiting.
 */
package dev.salvo.internal.policy;
