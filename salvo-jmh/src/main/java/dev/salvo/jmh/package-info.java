/**
 * JMH micro-benchmarks of Salvo's hot paths (token bucket, URL parsing, record output); the
 * dispatcher's lives in {@code dev.salvo.internal.engine} to reach its package-private types.
 * Run them from {@code salvo-jmh/target/benchmarks.jar}; see {@code bench/README.md}.
 */
package dev.salvo.jmh;
