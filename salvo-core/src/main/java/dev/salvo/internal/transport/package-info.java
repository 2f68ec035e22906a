/**
 * Sending one HTTP request and reading its response. {@link dev.salvo.internal.transport.Transport}
 * is the only type the engine sees; HTTP/1.1, HTTP/2 and TLS on Netty stay behind it.
 */
package dev.salvo.internal.transport;
