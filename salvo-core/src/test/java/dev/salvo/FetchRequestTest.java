package dev.salvo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The request builder: parameters land in the query (before any fragment), parts are copied. */
class FetchRequestTest {

    @Test
    void paramsAreFormEncodedAndAppendedToTheQuery() {
        assertEquals("http://h/p?a=1&b=x+y", url("http://h/p", "a", "1", "b", "x y"));
        assertEquals("http://h/p?k=v&a=%C3%A9%26%3D", url("http://h/p?k=v", "a", "é&="));
        assertEquals("http://h/p?a=1", url("http://h/p?", "a", "1"));
        assertEquals("http://h/p?k=v&a=1#frag", url("http://h/p?k=v#frag", "a", "1"));
        assertEquals("http://h/p?a=1#f?x", url("http://h/p#f?x", "a", "1"));
        assertEquals("http://h/p", url("http://h/p"));
    }

    @Test
    void partsAreCopiedAndDefaultToTheConfigs() {
        byte[] body = {1, 2, 3};
        FetchRequest request = FetchRequest.builder(3, "http://h/").id("i").method("put").body(body)
                .header("X-A", "1").build();
        body[0] = 9;

        assertEquals("PUT", request.method());
        assertArrayEquals(new byte[] {1, 2, 3}, request.body());
        assertEquals(List.of(new SalvoConfig.Header("X-A", "1")), request.headers());
        assertEquals(request, FetchRequest.builder(3, "http://h/").id("i").method("PUT").body(new byte[] {1, 2, 3})
                .header("X-A", "1").build());
        FetchRequest plain = FetchRequest.of(0, "http://h/");
        assertNull(plain.method());
        assertNull(plain.body());
        assertEquals(List.of(), plain.headers());
    }

    @Test
    void badPartsAreRefusedWhenBuilding() {
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.builder(0, "http://h/").method("GE T"));
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.builder(0, "http://h/").header("X A", "1"));
        assertThrows(IllegalArgumentException.class, () -> FetchRequest.builder(-1, "http://h/").build());
    }

    private static String url(String base, String... pairs) {
        FetchRequest.Builder builder = FetchRequest.builder(0, base);
        for (int i = 0; i < pairs.length; i += 2) {
            builder.param(pairs[i], pairs[i + 1]);
        }
        return builder.build().url();
    }
}
