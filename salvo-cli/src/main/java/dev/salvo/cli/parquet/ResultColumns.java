package dev.salvo.cli.parquet;

import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.cli.output.ResultSink.Extras;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a result and how one result fills it: the JSON Lines record's fields as
 * typed columns, in the same order and with the same names, the error split into
 * {@code error_type} and {@code error_message}, and the body (with {@code --include-body}) as raw
 * bytes rather than text. Thread-safe (stateless).
 */
final class ResultColumns {

    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("index")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("url")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("id")
            .optional(PrimitiveTypeName.INT32).named("status")
            .required(PrimitiveTypeName.BOOLEAN).named("ok")
            .required(PrimitiveTypeName.INT32).named("attempts")
            .required(PrimitiveTypeName.INT64).named("elapsed_ms")
            .required(PrimitiveTypeName.INT64).named("bytes")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sha256")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("content_type")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("final_url")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("error_type")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("error_message")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("etag")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("last_modified")
            .required(PrimitiveTypeName.BOOLEAN).named("unchanged")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("body_file")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("warc_file")
            .optional(PrimitiveTypeName.INT64).named("warc_offset")
            .optional(PrimitiveTypeName.BINARY).named("body")
            .named("salvo_result");

    private ResultColumns() {
    }

    /** Writes one row. {@code body} is written only when {@code includeBody}. */
    static void write(RecordConsumer out, FetchResult result, Extras extras, boolean includeBody) {
        out.startMessage();
        int field = 0;
        longValue(out, field++, result.index());
        string(out, field++, result.url());
        string(out, field++, result.id());
        if (result.status() != null) {
            start(out, field);
            out.addInteger(result.status());
            end(out, field);
        }
        field++;
        start(out, field);
        out.addBoolean(result.ok());
        end(out, field++);
        start(out, field);
        out.addInteger(result.attempts());
        end(out, field++);
        longValue(out, field++, result.elapsedMillis());
        longValue(out, field++, result.bytes());
        string(out, field++, result.sha256());
        string(out, field++, result.contentType());
        string(out, field++, result.finalUrl());
        FetchError error = result.error();
        string(out, field++, error == null ? null : error.type().wireName());
        string(out, field++, error == null ? null : error.message());
        string(out, field++, result.etag());
        string(out, field++, result.lastModified());
        start(out, field);
        out.addBoolean(result.unchanged());
        end(out, field++);
        string(out, field++, extras.bodyFile());
        string(out, field++, extras.warcFile());
        if (extras.warcFile() != null) {
            longValue(out, field, extras.warcOffset());
        }
        field++;
        if (includeBody && result.body() != null) {
            start(out, field);
            out.addBinary(Binary.fromConstantByteArray(result.body()));
            end(out, field);
        }
        out.endMessage();
    }

    private static void longValue(RecordConsumer out, int field, long value) {
        start(out, field);
        out.addLong(value);
        end(out, field);
    }

    private static void string(RecordConsumer out, int field, String value) {
        if (value != null) {
            start(out, field);
            out.addBinary(Binary.fromString(value));
            end(out, field);
        }
    }

    private static void start(RecordConsumer out, int field) {
        out.startField(SCHEMA.getFieldName(field), field);
    }

    private static void end(RecordConsumer out, int field) {
        out.endField(SCHEMA.getFieldName(field), field);
    }
}
