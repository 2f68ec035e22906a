package dev.salvo.cli.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads back the columns a refresh ({@code --since}) needs from a Parquet output:
 * {@code url}, {@code ok}, {@code bytes}, {@code sha256}, {@code etag} and {@code last_modified},
 * and no other column is read. Parquet's own code does the reading: its footer decoder, its page
 * header decoder, and its column readers and record assembly ({@code parquet-column}) over the
 * pages of each chunk ({@link ColumnChunkPages}). Reads a directory of parts as
 * {@code --format parquet} writes it (its closed parts, in part order, so a later record of a URL
 * comes after an earlier one; a part still {@code .inprogress} is not whole and is left out), or
 * one Parquet file with Salvo's columns. Thread-safe (stateless).
 */
public final class PartRows {

    /** The columns read; a file without some of them (an older output) reads them as null. */
    private static final List<String> COLUMNS = List.of("url", "ok", "bytes", "sha256", "etag", "last_modified");

    /** One row's refresh columns; strings are null where the column was null or absent. */
    public record Row(String url, boolean ok, long bytes, String sha256, String etag, String lastModified) { }

    private PartRows() {
    }

    /**
     * Hands every row of {@code path} (a directory of parts, or one Parquet file) to {@code rows}.
     *
     * @throws IOException when a file cannot be read as Parquet, or a directory holds no part
     */
    public static void read(Path path, Consumer<Row> rows) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> parts = Files.newDirectoryStream(path, "part-*.parquet")) {
                parts.forEach(files::add);
            }
            if (files.isEmpty()) {
                throw new IOException(path + " holds no Parquet parts (part-*.parquet)");
            }
            files.sort(null); // part-00000, part-00001, ...: the order they were written in
        } else {
            files.add(path);
        }
        for (Path file : files) {
            readFile(file, rows);
        }
    }

    private static void readFile(Path file, Consumer<Row> rows) throws IOException {
        FileMetaData footer = PartFooter.read(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (RowGroup rowGroup : footer.getRow_groups()) {
                Map<String, ColumnMetaData> chunks = new HashMap<>();
                for (ColumnChunk chunk : rowGroup.getColumns()) {
                    ColumnMetaData meta = chunk.getMeta_data();
                    if (meta.getPath_in_schema().size() == 1) {
                        chunks.put(meta.getPath_in_schema().get(0), meta);
                    }
                }
                if (!chunks.containsKey("url")) {
                    throw new IOException(file + " has no url column: not an output of salvo fetch");
                }
                List<Type> wanted = new ArrayList<>();
                for (String column : COLUMNS) {
                    ColumnMetaData meta = chunks.get(column);
                    if (meta != null) {
                        Type type = ResultColumns.SCHEMA.getType(column);
                        String written = meta.getType() == org.apache.parquet.format.Type.BYTE_ARRAY ? "BINARY"
                                : meta.getType().name(); // the file format's name for Parquet's BINARY
                        if (!type.asPrimitiveType().getPrimitiveTypeName().name().equals(written)) {
                            throw new IOException(file + ": column " + column + " is " + meta.getType()
                                    + ", not as salvo writes it");
                        }
                        wanted.add(type);
                    }
                }
                MessageType projection = new MessageType(ResultColumns.SCHEMA.getName(), wanted);
                Map<String, PageReader> pages = new HashMap<>();
                for (ColumnDescriptor column : projection.getColumns()) {
                    pages.put(column.getPath()[0], new ColumnChunkPages(channel, chunks.get(column.getPath()[0]),
                            column));
                }
                long count = rowGroup.getNum_rows();
                PageReadStore store = new PageReadStore() {
                    @Override
                    public PageReader getPageReader(ColumnDescriptor column) {
                        return pages.get(column.getPath()[0]);
                    }

                    @Override
                    public long getRowCount() {
                        return count;
                    }
                };
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(store, new GroupRecordConverter(projection));
                for (long i = 0; i < count; i++) {
                    rows.accept(row(records.read()));
                }
            }
        } catch (RuntimeException e) {
            // Parquet's decoders report damaged data with unchecked exceptions.
            throw new IOException(file + " is not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    private static Row row(Group group) {
        return new Row(string(group, "url"), has(group, "ok") && group.getBoolean("ok", 0),
                has(group, "bytes") ? group.getLong("bytes", 0) : 0, string(group, "sha256"), string(group, "etag"),
                string(group, "last_modified"));
    }

    private static boolean has(Group group, String field) {
        return group.getType().containsField(field) && group.getFieldRepetitionCount(field) > 0;
    }

    private static String string(Group group, String field) {
        return has(group, field) ? group.getString(field, 0) : null;
    }
}
