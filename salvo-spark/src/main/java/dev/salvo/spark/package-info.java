/**
 * Salvo on Apache Spark: {@link dev.salvo.spark.SalvoSpark#fetch} for Spark programs, and
 * {@link dev.salvo.spark.FetchJob}, the {@code spark-submit} job (and {@code ./salvo spark}) that
 * fetches a URL list in waves with exactly one committed row per URL.
 */
package dev.salvo.spark;
