package dev.salvo.cli.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {

    private static final List<String> PARTS = List.of("12000/50000 24%", "2950/s", "11890 ok", "110 failed",
            "64 in flight", "3 retrying", "ETA 12s");

    @Test
    void theLineIsCutToTheWidthDroppingTheLeastUsefulPartsFirst() {
        assertEquals("12000/50000 24%  2950/s  ETA 12s  11890 ok  110 failed  64 in flight  3 retrying",
                ProgressLine.fit(PARTS, 200));
        assertEquals("12000/50000 24%  2950/s  ETA 12s  11890 ok", ProgressLine.fit(PARTS, 45));
        assertEquals("12000/50000 24%  ETA 12s", ProgressLine.fit(PARTS, 25));
        assertEquals("12000/50000", ProgressLine.fit(PARTS, 11));
        for (int width = 1; width < 120; width++) {
            assertTrue(ProgressLine.fit(PARTS, width).length() <= width, "width " + width);
        }
    }

    @Test
    void afterCtrlCTheLineSaysItIsStoppingAndMessagesClearItFirst() {
        StringWriter out = new StringWriter();
        RunStats stats = new RunStats();
        ProgressLine line = new ProgressLine(stats, new PrintWriter(out), () -> 10, 0, () -> 200);
        line.tick();
        line.stopping();
        line.tick();
        line.message("salvo: SIGINT: sending nothing more");
        String text = out.toString();
        assertTrue(text.contains("0/10 0%  stopping: waiting for 0 in flight (Ctrl-C again to quit)"), text);
        assertTrue(text.endsWith("\r" + ProgressLine.ERASE_TO_END + "salvo: SIGINT: sending nothing more"
                + System.lineSeparator()), text);
    }
}
