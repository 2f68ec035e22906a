/**
 * Where connections may go and how they get there: the address guard ({@code --deny},
 * {@code --deny-private}), fixed and custom name resolution ({@code --resolve},
 * {@code --dns-server}) and proxies ({@code --proxy}, {@code --noproxy}). The transport's dialer
 * asks these classes; none of them opens a connection itself.
 */
package dev.salvo.internal.net;
