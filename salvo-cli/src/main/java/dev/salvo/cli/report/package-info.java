/**
 * What a person sees about a run on standard error: counters fed by engine events, the live
 * progress line and the end-of-run summary.
 */
package dev.salvo.cli.report;
