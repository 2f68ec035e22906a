/**
 * Integration tests: each class proves one behaviour of the public API against real servers on
 * loopback ({@link dev.salvo.testing.MisbehavingServer}), with {@link dev.salvo.testing.FakeTime}
 * driving every wait the engine takes, so no test asserts on wall-clock timing.
 */
package dev.salvo.it;
