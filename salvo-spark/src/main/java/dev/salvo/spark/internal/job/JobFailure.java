package dev.salvo.spark.internal.job;

/**
 * A problem the person running the job can fix (an output directory in the way, an input that
 * does not match the one being resumed): one line saying what and what to do. Exit status 2.
 */
public final class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message, null, false, false);
    }
}
