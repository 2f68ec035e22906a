package dev.salvo.cli.parquet;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Zstandard for Parquet pages through zstd-jni, the library Parquet's own codecs use. Parquet's
 * default codec factory loads Hadoop's compression classes when it is first touched; this one
 * needs nothing of Hadoop, which keeps Hadoop out of the command line's jar. Only ZSTD is offered.
 *
 * <p>Thread-safe (stateless).
 */
final class ZstdCodecs implements CompressionCodecFactory {

    /** Zstandard's own default: a good ratio at a few hundred MB/s. */
    static final int LEVEL = 3;

    private static final BytesInputCompressor COMPRESSOR = new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(Zstd.compress(bytes.toByteArray(), LEVEL));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
        }
    };

    private static final BytesInputDecompressor DECOMPRESSOR = new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            return BytesInput.from(Zstd.decompress(bytes.toByteArray(), decompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(Zstd.decompress(in, decompressedSize));
        }

        @Override
        public void release() {
        }
    };

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return COMPRESSOR;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is supported, not " + codec);
        }
        return DECOMPRESSOR;
    }

    @Override
    public void release() {
    }
}
