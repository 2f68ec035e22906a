/**
 * Reading the URL list: lines of text (a URL, or a JSON object with {@code url} and {@code id})
 * turned lazily into {@link dev.salvo.FetchRequest}s.
 */
package dev.salvo.cli.input;
