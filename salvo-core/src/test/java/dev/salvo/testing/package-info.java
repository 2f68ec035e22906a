/**
 * Test fixtures: {@link dev.salvo.testing.MisbehavingServer}, a real HTTP/1.1 server on loopback
 * that misbehaves on purpose and counts what it sees, and {@link dev.salvo.testing.FakeTime}, a
 * clock and scheduler that only moves when a test tells it to.
 */
package dev.salvo.testing;
