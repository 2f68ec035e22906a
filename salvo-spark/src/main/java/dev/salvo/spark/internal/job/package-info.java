/** The job on the driver: output directory layout, waves, commit and resume, input reading. */
package dev.salvo.spark.internal.job;
