/**
 * Resuming a run: reading back which indexes an output already holds, repairing a line torn by a
 * crash, and checking that the input is the one the output was made from.
 */
package dev.salvo.cli.resume;
