package dev.salvo.cli.parquet;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.cli.DuckDb;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.output.ResultSink.Extras;
import dev.salvo.cli.resume.CannotResume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.salvo.cli.DuckDb.literal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parquet parts written by {@link ParquetParts} and read back by DuckDB, an independent reader. */
class ParquetPartsTest {

    @TempDir
    Path dir;

    private static FetchResult ok(long index) {
        byte[] body = ("body " + index).getBytes(StandardCharsets.UTF_8);
        return new FetchResult(index, "http://127.0.0.1/" + index, index % 2 == 0 ? "id-" + index : null, 200, 1,
                12_000_000L, body.length, "ab" + index, "text/plain", "http://127.0.0.1/" + index, null, body);
    }

    private static FetchResult failed(long index) {
        return new FetchResult(index, "http://127.0.0.1/x" + index, null, null, 4, 3_000_000_000L, 0, null, null,
                null, new FetchError(ErrorType.TIMEOUT, "no complete response within 30000 ms"), null);
    }

    private ParquetParts.Opened open(Path out, boolean resume, long partRecords) throws Exception {
        return ParquetParts.open(out, "urls.txt", null, resume, true, partRecords, true, null);
    }

    private static String parts(Path out) {
        return literal(out.resolve("part-*.parquet"));
    }

    @Test
    void closedPartsAreReadableWhileTheRunGoesOnWithTypedColumns() throws Exception {
        Path out = dir.resolve("out");
        ResultSink sink = open(out, false, 3).sink();
        for (long i = 0; i < 6; i++) {
            sink.write(i == 4 ? failed(i) : ok(i), Extras.NONE);
        }
        sink.write(ok(6), new Extras(null, "crawl.warc.gz", 1234));
        // Two parts are closed; the third is still open.
        assertEquals(6L, DuckDb.value("select count(*) from " + parts(out)));
        assertTrue(Files.exists(out.resolve("part-00002.parquet.inprogress")));
        sink.close();
        assertEquals(7L, DuckDb.value("select count(*) from " + parts(out)));

        List<List<Object>> types = DuckDb.query("select column_name, column_type from (describe select * from "
                + parts(out) + ")");
        assertEquals(List.of(
                List.of("index", "BIGINT"), List.of("url", "VARCHAR"), List.of("id", "VARCHAR"),
                List.of("status", "INTEGER"), List.of("ok", "BOOLEAN"), List.of("attempts", "INTEGER"),
                List.of("elapsed_ms", "BIGINT"), List.of("bytes", "BIGINT"), List.of("sha256", "VARCHAR"),
                List.of("content_type", "VARCHAR"), List.of("final_url", "VARCHAR"), List.of("error_type", "VARCHAR"),
                List.of("error_message", "VARCHAR"), List.of("etag", "VARCHAR"), List.of("last_modified", "VARCHAR"),
                List.of("unchanged", "BOOLEAN"), List.of("body_file", "VARCHAR"), List.of("warc_file", "VARCHAR"),
                List.of("warc_offset", "BIGINT"), List.of("body", "BLOB")), types);

        assertEquals(Arrays.asList(4L, "http://127.0.0.1/x4", null, null, false, 4, 3000L, 0L, null, "timeout",
                        "no complete response within 30000 ms"),
                DuckDb.query("select index, url, id, status, ok, attempts, elapsed_ms, bytes, sha256, error_type,"
                        + " error_message from " + parts(out) + " where index = 4").get(0));
        assertEquals(List.of(6L, "id-6", 200, true, "ab6", "text/plain", "crawl.warc.gz", 1234L, "body 6"),
                DuckDb.query("select index, id, status, ok, sha256, content_type, warc_file, warc_offset,"
                        + " decode(body) from " + parts(out) + " where index = 6").get(0));
        assertEquals("ZSTD", DuckDb.value("select distinct compression from parquet_metadata("
                + parts(out) + ")"));
    }

    @Test
    void resumeCountsClosedPartsAndFetchesTheOpenPartAgain() throws Exception {
        Path out = dir.resolve("out");
        ResultSink crashed = open(out, false, 2).sink();
        for (long i : new long[] {1, 0, 3, 2, 4}) {
            crashed.write(ok(i), Extras.NONE);
        }
        // No close: the process died with part-00002 open, holding index 4.
        assertTrue(Files.exists(out.resolve("part-00002.parquet.inprogress")));

        ParquetParts.Opened resumed = open(out, true, 2);
        assertEquals(4, resumed.finished().count());
        for (long i = 0; i < 4; i++) {
            assertTrue(resumed.finished().contains(i), "index " + i + " is done");
        }
        assertFalse(resumed.finished().contains(4), "the open part's URL is fetched again");
        assertTrue(resumed.resumed().contains("4 URLs already done in 2 parts"), resumed.resumed());
        assertFalse(Files.exists(out.resolve("part-00002.parquet.inprogress")));
        for (long i = 4; i < 7; i++) {
            resumed.sink().write(ok(i), Extras.NONE);
        }
        resumed.sink().close();

        assertEquals(List.of(List.of(7L, 7L, 0L, 6L)), DuckDb.query(
                "select count(*), count(distinct index), min(index), max(index) from " + parts(out)));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("part-00000.parquet", "part-00001.parquet", "part-00003.parquet",
                    "part-00004.parquet"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFreshRunRefusesADirectoryHoldingParts() throws Exception {
        Path out = dir.resolve("out");
        ResultSink sink = open(out, false, 10).sink();
        sink.write(ok(0), Extras.NONE);
        sink.close();
        CannotResume refused = assertThrows(CannotResume.class, () -> open(out, false, 10));
        assertTrue(refused.getMessage().contains("pass --resume"), refused.getMessage());
    }

    @Test
    void indexRangesRoundTrip() {
        IndexRanges ranges = new IndexRanges();
        for (long i : new long[] {5, 3, 4, 9, 0, 11, 10, 12}) {
            ranges.add(i);
        }
        assertEquals("0,3-5,9-12", ranges.encode());
        dev.salvo.FinishedIndexes back = new dev.salvo.FinishedIndexes();
        assertEquals(8, IndexRanges.decode(ranges.encode(), back));
        assertTrue(back.contains(11) && !back.contains(6));
    }
}
