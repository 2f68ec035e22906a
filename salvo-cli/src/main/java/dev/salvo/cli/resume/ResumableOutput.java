package dev.salvo.cli.resume;

import dev.salvo.FinishedIndexes;

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
 * Thread-safe (stateless).
 *
 * @param channel  the output, positioned at its end, open for writing
 * @param finished indexes that already have a record (empty for a fresh run)
 * @param scan     what the resumed file held, or null for a fresh run
 */
public record ResumableOutput(FileChannel channel, FinishedIndexes finished, OutputScan scan) {

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
            FileChannel channel = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            current.write(output);
            return new ResumableOutput(channel, new FinishedIndexes(), null);
        }
        if (!force) {
            check(output, input, ResumeRecord.read(output), fingerprint);
        }
        OutputScan scan = OutputScan.of(output);
        FileChannel channel = FileChannel.open(output, StandardOpenOption.WRITE);
        if (scan.tornBytes() > 0) {
            channel.truncate(scan.completeEnd());
            channel.force(false);
        }
        channel.position(scan.completeEnd());
        current.write(output);
        return new ResumableOutput(channel, scan.finished(), scan);
    }

    /**
     * Refuses to resume {@code output} when {@code now} is not the input it was made from.
     *
     * @throws CannotResume saying why, in one line
     */
    public static void check(Path output, String input, ResumeRecord recorded, InputFingerprint now) {
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
