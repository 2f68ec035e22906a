/** The {@code salvo demo} playground: a small misbehaving HTTP server on loopback. */
package dev.salvo.cli.demo;
