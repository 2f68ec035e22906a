package dev.salvo.spark.internal.engine;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The optional columns of an input Dataset that describe a row's request beyond its URL, as a
 * JSON input line of {@code salvo fetch} does:
 *
 * <ul>
 *   <li>{@code method}: a string, the row's HTTP method;</li>
 *   <li>{@code headers}: an array of {@code "Name: value"} strings, replacing the config's headers
 *       of the same names;</li>
 *   <li>{@code body}: binary, or a string sent as UTF-8;</li>
 *   <li>{@code invalid_input}: a string saying why the row's input could not be understood; such
 *       a row is not fetched and its result has error type {@code invalid_input}.</li>
 * </ul>
 *
 * A column that is absent or null in a row leaves that part to the config.
 *
 * <p>Thread-safe (stateless).
 */
public final class RequestColumns {

    /** The columns, in the order {@link #select} returns them. */
    static final List<String> NAMES = List.of("method", "headers", "body", "invalid_input");

    private static final DataType HEADERS = DataTypes.createArrayType(DataTypes.StringType);

    private RequestColumns() {
    }

    /**
     * The four request columns of {@code requests}, cast to their types, with a null literal for
     * each one it lacks.
     *
     * @throws IllegalArgumentException when {@code headers} is not an array of strings
     */
    static Column[] select(Dataset<Row> requests) {
        List<String> names = Arrays.asList(requests.columns());
        if (names.contains("headers") && !requests.schema().apply("headers").dataType().sameType(HEADERS)) {
            throw new IllegalArgumentException("the input's 'headers' column must be an array of \"Name: value\""
                    + " strings, was " + requests.schema().apply("headers").dataType().simpleString());
        }
        return new Column[] {
                column(names, "method", DataTypes.StringType),
                column(names, "headers", HEADERS),
                column(names, "body", DataTypes.BinaryType),
                column(names, "invalid_input", DataTypes.StringType)};
    }

    /** The request details in {@code row}'s four request columns from {@code first}, or null if all are null. */
    static RequestDetails details(Row row, int first) {
        String method = row.getString(first);
        List<String> headers = row.isNullAt(first + 1) ? null
                : row.<String>getList(first + 1).stream().filter(h -> h != null).toList();
        byte[] body = row.isNullAt(first + 2) ? null : (byte[]) row.get(first + 2);
        String invalid = row.getString(first + 3);
        if (method == null && headers == null && body == null && invalid == null) {
            return null;
        }
        return new RequestDetails(method, headers, body, invalid);
    }

    private static Column column(List<String> names, String name, DataType type) {
        return (names.contains(name) ? col(name) : lit(null)).cast(type).as(name);
    }
}
