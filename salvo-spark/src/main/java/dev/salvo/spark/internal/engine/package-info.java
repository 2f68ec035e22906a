/** One Salvo engine per Spark task: settings shipped to executors, the task's fetch, result rows. */
package dev.salvo.spark.internal.engine;
