package dev.salvo.spark.internal.partition;

import org.apache.spark.Partitioner;

/**
 * Sends a row keyed by its task number to that task: the key is the partition. (Spark's
 * repartition by a column would hash the task number and could put two tasks' hosts together.)
 *
 * <p>Immutable; thread-safe.
 */
public final class TaskPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int tasks;

    public TaskPartitioner(int tasks) {
        this.tasks = tasks;
    }

    @Override
    public int numPartitions() {
        return tasks;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskPartitioner p && p.tasks == tasks;
    }

    @Override
    public int hashCode() {
        return tasks;
    }
}
