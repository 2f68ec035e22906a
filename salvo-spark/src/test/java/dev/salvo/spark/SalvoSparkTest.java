package dev.salvo.spark;

import dev.salvo.SalvoConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library call on a small Dataset, invalid URLs included, in local Spark. */
@Timeout(180)
class SalvoSparkTest {

    private static SparkSession spark;
    private static HostsServer server;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.start("local[2]");
        server = new HostsServer(4, 5);
    }

    @AfterAll
    static void stop() {
        server.close();
        spark.stop();
    }

    @Test
    void everyRowGetsOneResultAndInvalidUrlsAreRowsNotFailures() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("url", DataTypes.StringType, true),
                DataTypes.createStructField("id", DataTypes.IntegerType, true)));
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(RowFactory.create(server.base(i % 4) + "/ok/" + i, i));
        }
        input.add(RowFactory.create(server.base(1) + "/missing/20", 20));
        input.add(RowFactory.create("not a url", 21));
        input.add(RowFactory.create("ftp://127.0.0.1/file", 22));
        input.add(RowFactory.create(null, 23));
        Dataset<Row> requests = spark.createDataFrame(input, schema).repartition(3);
        SalvoConfig config = SalvoConfig.builder().perHost(2).retries(0).build();

        List<Row> rows = SalvoSpark.fetch(requests, config, 3).collectAsList();

        assertEquals(24, rows.size());
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(r -> assertNull(byId.put(r.getAs("id"), r), "one row per input row"));
        assertEquals(24, rows.stream().map(r -> (Long) r.getAs("index")).distinct().count(), "distinct indexes");
        for (int i = 0; i < 20; i++) {
            Row row = byId.get(Integer.toString(i));
            assertNotNull(row, "row for id " + i);
            assertTrue((Boolean) row.getAs("ok"), row.toString());
            assertEquals(200, (Integer) row.getAs("status"));
            assertEquals(1, server.hits("/ok/" + i), "fetched exactly once: /ok/" + i);
        }
        Row missing = byId.get("20");
        assertEquals(404, (Integer) missing.getAs("status"));
        assertEquals("http", missing.getStruct(missing.fieldIndex("error")).getString(0));
        for (String id : List.of("21", "22", "23")) {
            Row invalid = byId.get(id);
            assertFalse((Boolean) invalid.getAs("ok"));
            assertNull(invalid.getAs("status"));
            assertEquals(0, (Integer) invalid.getAs("attempts"));
            assertEquals("invalid_url", invalid.getStruct(invalid.fieldIndex("error")).getString(0), invalid.toString());
        }
        assertEquals("", byId.get("23").getAs("url"), "a null URL is an empty one");
        assertEquals(SalvoSpark.schema(false), SalvoSpark.schema(false));
    }

    /** Optional method, headers and body columns make each row's own request. */
    @Test
    void rowsCarryTheirOwnMethodHeadersAndBody() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("url", DataTypes.StringType, true),
                DataTypes.createStructField("id", DataTypes.StringType, true),
                DataTypes.createStructField("method", DataTypes.StringType, true),
                DataTypes.createStructField("headers", DataTypes.createArrayType(DataTypes.StringType), true),
                DataTypes.createStructField("body", DataTypes.StringType, true)));
        List<Row> input = List.of(
                RowFactory.create(server.base(0) + "/ok/row-post", "post", "POST", new String[] {"X-Test: row"}, "payload"),
                RowFactory.create(server.base(1) + "/ok/row-plain", "plain", null, null, null),
                RowFactory.create(server.base(2) + "/ok/row-bad", "bad", "PO ST", null, null));
        Dataset<Row> requests = spark.createDataFrame(input, schema);

        Map<String, Row> byId = new HashMap<>();
        SalvoSpark.fetch(requests, SalvoConfig.builder().retries(0).header("X-Test", "config").build(), 2)
                .collectAsList().forEach(r -> byId.put(r.getAs("id"), r));

        assertEquals("POST X-Test=row payload", server.request("/ok/row-post"));
        assertEquals("GET X-Test=config ", server.request("/ok/row-plain"));
        assertEquals(0, server.hits("/ok/row-bad"), "an invalid method is not sent");
        Row bad = byId.get("bad");
        assertEquals("invalid_input", bad.getStruct(bad.fieldIndex("error")).getString(0), bad.toString());
        assertEquals(3, byId.size());
    }
}
