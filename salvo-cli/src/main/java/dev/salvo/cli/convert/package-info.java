/**
 * Picocli type converters for the command line's value forms: durations, sizes, rates and headers.
 * Each rejects a bad value with one line naming the value and the accepted forms.
 */
package dev.salvo.cli.convert;
