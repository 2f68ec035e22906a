package dev.salvo.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB, in-process through its JDBC driver: the independent reader that checks Salvo's Parquet
 * output (DuckDB has its own Parquet reader, written in C++, sharing no code with Parquet's Java
 * writer). Each query runs on a fresh in-memory database.
 */
public final class DuckDb {

    private DuckDb() {
    }

    /** The rows of {@code sql}, each a list of its column values as JDBC returns them. */
    public static List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<Object>> out = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The single value {@code sql} returns. */
    public static Object value(String sql) throws SQLException {
        return query(sql).get(0).get(0);
    }

    /** A path as a DuckDB string literal. */
    public static String literal(Object path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }
}
