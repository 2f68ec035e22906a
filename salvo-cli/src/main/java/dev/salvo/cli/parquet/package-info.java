/**
 * {@code --format parquet}: results as Parquet part files in a directory, written with Parquet's
 * own writer and no Hadoop, each part closed (and readable) every {@code --part-records} records,
 * and read back on {@code --resume}. Nothing here is loaded unless Parquet output is asked for.
 */
package dev.salvo.cli.parquet;
