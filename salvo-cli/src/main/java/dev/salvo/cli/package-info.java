/**
 * The {@code salvo} command line: one class per command ({@code fetch}, {@code demo}), the engine
 * options as a mixin whose defaults come from {@link dev.salvo.SalvoConfig}, and one handler that
 * turns every failure into a one-line message and an exit status. A thin client of the public
 * {@code dev.salvo} API.
 */
package dev.salvo.cli;
