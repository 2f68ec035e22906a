/**
 * Sending one HTTP request and reading its response. {@link dev.salvo.internal.transport.Transport}
 * is the only type the engine sees; the Vert.x client stays behind it.
 */
package dev.salvo.internal.transport;
