package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.FetchRequest;

import org.junit.jupiter.api.Test;

/** A URL's states allow only the moves the engine makes; anything else fails at once. */
class UrlStateTest {

    @Test
    void aRetriedAndRedirectedUrlWalksTheLegalPath() {
        Job job = Job.admit(FetchRequest.of(0, "http://a.test/"), 0);
        for (UrlState next : new UrlState[] {UrlState.QUEUED, UrlState.IN_FLIGHT, UrlState.WAITING_RETRY,
                UrlState.QUEUED, UrlState.IN_FLIGHT, UrlState.REDIRECTED_WAITING, UrlState.IN_FLIGHT, UrlState.DONE}) {
            job.moveTo(next);
        }
        assertEquals(UrlState.DONE, job.state());
    }

    @Test
    void illegalMovesAreRefused() {
        Job job = Job.admit(FetchRequest.of(0, "http://a.test/"), 0);
        assertThrows(IllegalStateException.class, () -> job.moveTo(UrlState.IN_FLIGHT), "not queued yet");
        job.moveTo(UrlState.QUEUED);
        assertThrows(IllegalStateException.class, () -> job.moveTo(UrlState.WAITING_RETRY), "never sent");
        job.moveTo(UrlState.DONE);
        for (UrlState next : UrlState.values()) {
            assertThrows(IllegalStateException.class, () -> job.moveTo(next), "a finished URL stays finished");
        }
    }

    @Test
    void onlyStartedAttemptsAreOpen() {
        assertEquals(java.util.EnumSet.of(UrlState.IN_FLIGHT, UrlState.REDIRECTED_WAITING),
                java.util.EnumSet.copyOf(java.util.Arrays.stream(UrlState.values()).filter(UrlState::attemptOpen)
                        .toList()));
    }
}
