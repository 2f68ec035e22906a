package dev.salvo.spark.internal.engine;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;

/**
 * Results counted in the tasks as they are produced, for the driver's log. Spark accumulators
 * inside a transformation count a retried task twice, so these are for the log line only; the
 * output is the record of what happened.
 *
 * <p>Thread-safe (accumulators are).
 */
public final class ResultCounters implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LongAccumulator ok;
    private final LongAccumulator failed;

    public ResultCounters(SparkContext spark, String name) {
        ok = spark.longAccumulator(name + " ok");
        failed = spark.longAccumulator(name + " failed");
    }

    void count(boolean success) {
        (success ? ok : failed).add(1);
    }

    public long ok() {
        return ok.value();
    }

    public long failed() {
        return failed.value();
    }
}
