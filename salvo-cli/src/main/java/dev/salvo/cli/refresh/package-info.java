/**
 * {@code --since}: refreshing a dataset. An earlier run's records give each URL's validators
 * (ETag, Last-Modified); requests carry them as conditions, and a {@code 304 Not Modified} becomes
 * a record marked unchanged that keeps the earlier body's digest and size.
 */
package dev.salvo.cli.refresh;
