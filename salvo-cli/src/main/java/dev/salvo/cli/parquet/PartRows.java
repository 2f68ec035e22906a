package dev.salvo.cli.parquet;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads back the columns a refresh ({@code --since}) needs from a Parquet output, with Parquet's
 * own reader: {@code url}, {@code ok}, {@code bytes}, {@code sha256}, {@code etag} and
 * {@code last_modified}, and no other column is decoded. Reads a directory of parts as
 * {@code --format parquet} writes it (its closed parts, in part order, so a later record of a URL
 * comes after an earlier one; a part still {@code .inprogress} is not whole and is left out), or
 * one Parquet file, zstd-compressed as Salvo writes it. Thread-safe (stateless).
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
        // Salvo's own zstd codec: Parquet's default factory would load Hadoop, which the jar leaves out.
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecs()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> wanted = new ArrayList<>();
            for (String column : COLUMNS) {
                if (schema.containsField(column)) {
                    wanted.add(schema.getType(column));
                }
            }
            if (!schema.containsField("url")) {
                throw new IOException(file + " has no url column: not an output of salvo fetch");
            }
            MessageType projection = new MessageType(schema.getName(), wanted);
            reader.setRequestedSchema(projection);
            ColumnIOFactory columns = new ColumnIOFactory();
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = columns.getColumnIO(projection, schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    rows.accept(row(records.read()));
                }
            }
        } catch (RuntimeException e) {
            // Parquet reports a damaged file with unchecked exceptions.
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
