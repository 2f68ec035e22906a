package dev.salvo.cli.resume;

import dev.salvo.FinishedIndexes;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens an output file for a run, fresh or resumed, and records which input it belongs to.
 *
 * <ul>
 *   <li>Fresh: the file is emptied and its sidecar ({@link ResumeRecord}) written, so that a run
 *       that crashes can be resumed.</li>
 *   <li>Resumed: the sidecar must match the input (unless forced); the file is scanned for its
 *       complete records, a torn last line is cut off, and writing continues at the end.</li>
 * </ul>
 *
 * <p>The output is a {@link FileOutputStream}, not a {@link FileChannel}, on purpose: a channel is
 * closed for good when a thread writing to it is interrupted, and the command line flushes from a
 * timer thread that is interrupted when the run ends. A stream's writes ignore interrupts.
 *
 * <p>Thread-safe (stateless).
 *
 * @param stream   the output, open for appending at its end
 * @param finished indexes that already have a record (empty for a fresh run)
 * @param scan     what the resumed file held, or null for a fresh run
 */
public record ResumableOutput(FileOutputStream stream, FinishedIndexes finished, OutputScan scan) {

    /**
     * @param output    the output file
     * @param input     the input as given ({@code -} for standard input), for messages
     * @param inputFile the input file, or null when it is standard input (or not a regular file)
     * @param resume    true continues {@code output} if it exists
     * @param force     true resumes even when the input does not match
     * @throws CannotResume when resuming is refused
     */
    public static ResumableOutput open(Path output, String input, Path inputFile, boolean resume, boolean force)
            throws IOException {
        InputFingerprint fingerprint = inputFile == null ? null : InputFingerprint.of(inputFile);
        ResumeRecord current = new ResumeRecord(input, fingerprint);
        if (!resume || !Files.exists(output)) {
            FileOutputStream stream = new FileOutputStream(output.toFile());
            current.write(output);
            return new ResumableOutput(stream, new FinishedIndexes(), null);
        }
        if (!force) {
            check(output, input, ResumeRecord.read(output), fingerprint);
        }
        OutputScan scan = OutputScan.of(output);
        if (scan.tornBytes() > 0) {
            try (FileChannel channel = FileChannel.open(output, StandardOpenOption.WRITE)) {
                channel.truncate(scan.completeEnd());
                channel.force(false);
            }
        }
        FileOutputStream stream = new FileOutputStream(output.toFile(), true);
        current.write(output);
        return new ResumableOutput(stream, scan.finished(), scan);
    }

    private static void check(Path output, String input, ResumeRecord recorded, InputFingerprint now) {
        String what = "cannot resume " + output + ": ";
        String force = "; pass --force-resume to resume anyway";
        if (recorded == null) {
            throw new CannotResume(what + "there is no " + ResumeRecord.pathFor(output).getFileName()
                    + " beside it, so which input it was made from is unknown" + force);
        }
        if (now == null || recorded.fingerprint() == null) {
            throw new CannotResume(what + "standard input cannot be checked against the input it was made from ("
                    + recorded.input() + "); give the input as a file" + force);
        }
        if (now.size() != recorded.fingerprint().size()) {
            throw new CannotResume(what + "it was made from an input of " + recorded.fingerprint().size()
                    + " bytes (" + recorded.input() + "), but " + input + " has " + now.size() + " bytes"
                    + force + " (safe only if lines were appended)");
        }
        if (!now.headSha256().equals(recorded.fingerprint().headSha256())) {
            throw new CannotResume(what + input + " differs from the input it was made from ("
                    + recorded.input() + "): its first MiB changed" + force);
        }
    }
}
