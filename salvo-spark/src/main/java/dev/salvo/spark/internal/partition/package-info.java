/** Which task of a wave fetches each host, so that a host's limits hold across the cluster. */
package dev.salvo.spark.internal.partition;
