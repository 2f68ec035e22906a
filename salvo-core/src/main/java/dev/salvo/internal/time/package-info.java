/** The production clock and scheduler behind {@link dev.salvo.TimeSource}. */
package dev.salvo.internal.time;
