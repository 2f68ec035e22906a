package dev.salvo.internal.policy;

import dev.salvo.ErrorType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryRulesTest {

    @Test
    void transientFailuresAreRetriedOthersAreNot() {
        Set<ErrorType> retried = EnumSet.noneOf(ErrorType.class);
        for (ErrorType type : ErrorType.values()) {
            if (RetryRules.isRetryable(type)) {
                retried.add(type);
            }
        }
        assertEquals(EnumSet.of(ErrorType.CONNECT, ErrorType.RESET, ErrorType.TIMEOUT), retried);
    }

    @Test
    void retryableStatusesAreExactlyTheDocumentedOnes() {
        for (int status = 100; status < 600; status++) {
            boolean expected = Set.of(408, 429, 500, 502, 503, 504).contains(status);
            assertEquals(expected, RetryRules.isRetryableStatus(status), "status " + status);
        }
    }

    @Test
    void onlyIdempotentMethodsAreRetried() {
        assertTrue(RetryRules.isIdempotent("GET"));
        assertTrue(RetryRules.isIdempotent("HEAD"));
        assertTrue(RetryRules.isIdempotent("PUT"));
        assertTrue(RetryRules.isIdempotent("DELETE"));
        assertFalse(RetryRules.isIdempotent("POST"));
        assertFalse(RetryRules.isIdempotent("PATCH"));
    }

    @Test
    void hostFailuresAreTransientErrors408And5xxButNot429OrOther4xx() {
        assertTrue(RetryRules.countsAsHostFailure(503, ErrorType.HTTP));
        assertTrue(RetryRules.countsAsHostFailure(null, ErrorType.TIMEOUT));
        assertTrue(RetryRules.countsAsHostFailure(408, ErrorType.HTTP));
        assertFalse(RetryRules.countsAsHostFailure(429, ErrorType.HTTP));
        assertFalse(RetryRules.countsAsHostFailure(404, ErrorType.HTTP));
        assertFalse(RetryRules.countsAsHostFailure(200, null));
        assertFalse(RetryRules.countsAsHostFailure(null, ErrorType.TLS));
    }
}
