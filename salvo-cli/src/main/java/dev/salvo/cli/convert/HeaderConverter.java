package dev.salvo.cli.convert;

import dev.salvo.SalvoConfig.Header;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a header given as {@code "Name: value"} (curl's form). The value may be empty.
 * Thread-safe (stateless).
 */
public final class HeaderConverter implements ITypeConverter<Header> {

    @Override
    public Header convert(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new TypeConversionException("'" + value + "' is not a header; use \"Name: value\"");
        }
        try {
            return new Header(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a valid header: " + e.getMessage());
        }
    }
}
