package dev.salvo.spark;

import org.apache.spark.sql.SparkSession;

/** A local Spark session for tests: loopback only, no UI, small shuffles. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start(String master) {
        return SparkSession.builder()
                .appName("salvo-spark-test")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
