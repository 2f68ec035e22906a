/**
 * Reading the URL list: lines of text (a URL, or a JSON object with {@code url}, {@code id} and
 * the request's own method, headers, body and query parameters) turned lazily into
 * {@link dev.salvo.FetchRequest}s, relative URLs resolved against a base when one is given.
 */
package dev.salvo.cli.input;
