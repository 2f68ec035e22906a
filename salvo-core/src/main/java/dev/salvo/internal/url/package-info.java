/** Checking input URLs, naming their hosts, and resolving redirects safely. */
package dev.salvo.internal.url;
