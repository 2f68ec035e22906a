/**
 * Writing results: one JSON Lines record per URL, hand-encoded for speed, and optionally each body
 * to its own file.
 */
package dev.salvo.cli.output;
