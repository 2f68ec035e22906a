package dev.salvo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SalvoConfigTest {

    @Test
    void aCopyCanRaiseTheConcurrencyBecauseTheDerivedWindowIsNotCopied() {
        SalvoConfig base = SalvoConfig.builder().build();

        SalvoConfig raised = base.toBuilder().concurrency(2000).build();

        assertEquals(2000, raised.concurrency());
        assertEquals(2000 * 16, raised.window());
    }

    @Test
    void theWindowDerivedFromTheConcurrencyFollowsIt() {
        assertEquals(1024, SalvoConfig.builder().concurrency(10).build().window());
        assertEquals(1600, SalvoConfig.builder().concurrency(100).build().window());
    }

    @Test
    void anExplicitWindowIsKeptByACopy() {
        SalvoConfig c = SalvoConfig.builder().window(5000).build().toBuilder().concurrency(100).build();

        assertEquals(5000, c.window());
    }

    @Test
    void anExplicitWindowBelowTheConcurrencyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SalvoConfig.builder().concurrency(100).window(50).build());
        assertEquals("window (50) must be at least the concurrency (100)", e.getMessage());
    }

    @Test
    void aCopyIsEqualToItsOriginalAndIndependentOfItsBuilder() {
        SalvoConfig.Builder builder = SalvoConfig.builder().header("X-A", "1");
        SalvoConfig first = builder.build();
        builder.header("X-B", "2").concurrency(7);

        assertEquals(first, first.toBuilder().build());
        assertEquals(first.hashCode(), first.toBuilder().build().hashCode());
        assertEquals(1, first.headers().size());
        assertEquals(64, first.concurrency());
        assertNotEquals(first, builder.build());
    }
}
