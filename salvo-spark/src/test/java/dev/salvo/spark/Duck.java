package dev.salvo.spark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the job's Parquet output with DuckDB: a reader that shares no code with Spark. */
final class Duck {

    /** count(*), count(distinct index), min(index), max(index) over every committed wave. */
    record IndexStats(long rows, long distinct, long min, long max) { }

    private Duck() {
    }

    static IndexStats indexStats(Path output) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*), count(DISTINCT index), min(index), max(index)"
                     + " FROM read_parquet('" + output + "/wave=*/*.parquet', hive_partitioning = false)")) {
            rs.next();
            return new IndexStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** How many rows have {@code column = value}. */
    static long count(Path output, String where) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM read_parquet('" + output
                     + "/wave=*/*.parquet', hive_partitioning = false) WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
