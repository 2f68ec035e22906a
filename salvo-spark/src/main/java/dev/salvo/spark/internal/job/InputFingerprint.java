package dev.salvo.spark.internal.job;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Enough of an input (a file, or a directory of files, on any Hadoop file system) to tell whether
 * it changed, in the spirit of {@code salvo fetch --resume}'s check: the name and length of every
 * data file and the first MiB of the first one, hashed. Cheap for any size of input. An edit that
 * keeps every length and the first MiB is not seen.
 *
 * <p>Thread-safe (stateless).
 */
final class InputFingerprint {

    private static final int HEAD_BYTES = 1 << 20;

    private InputFingerprint() {
    }

    /** The hex fingerprint of {@code input}. */
    static String of(FileSystem fs, Path input) throws IOException {
        List<FileStatus> files = dataFiles(fs, input);
        MessageDigest sha = sha256();
        String root = fs.getFileStatus(input).getPath().toString();
        for (FileStatus file : files) {
            String name = file.getPath().toString().substring(Math.min(root.length(), file.getPath().toString().length()));
            sha.update((name + "\u0000" + file.getLen() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!files.isEmpty()) {
            try (FSDataInputStream in = fs.open(files.get(0).getPath())) {
                sha.update(in.readNBytes(HEAD_BYTES));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The files of {@code input}, sorted by path, leaving out Spark's and Hadoop's own (_x, .x). */
    private static List<FileStatus> dataFiles(FileSystem fs, Path input) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(input, true);
        while (it.hasNext()) {
            LocatedFileStatus file = it.next();
            String name = file.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                files.add(file);
            }
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
