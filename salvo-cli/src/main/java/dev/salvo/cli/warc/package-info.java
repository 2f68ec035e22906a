/**
 * {@code --warc}: a WARC 1.1 archive of every exchange, written with jwarc (the IIPC's library),
 * gzip per record, rotated by size, and repaired on {@code --resume}.
 */
package dev.salvo.cli.warc;
