package dev.salvo.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 3986 section 5.4's own examples, resolved against its base {@code http://a/b/c/d;p?q}. */
class BaseUrlTest {

    private static final BaseUrl BASE = BaseUrl.parse("http://a/b/c/d;p?q");

    @Test
    void normalExamples() {
        String[][] cases = {
                {"g:h", "g:h"}, {"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"},
                {"/g", "http://a/g"}, {"//g", "http://g"}, {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
                {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"},
                {";x", "http://a/b/c/;x"}, {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
                {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"}, {"./", "http://a/b/c/"}, {"..", "http://a/b/"},
                {"../", "http://a/b/"}, {"../g", "http://a/b/g"}, {"../..", "http://a/"}, {"../../", "http://a/"},
                {"../../g", "http://a/g"},
        };
        assertAll(cases);
    }

    @Test
    void abnormalExamples() {
        String[][] cases = {
                {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"},
                {"/../g", "http://a/g"}, {"g.", "http://a/b/c/g."}, {".g", "http://a/b/c/.g"}, {"g..", "http://a/b/c/g.."},
                {"..g", "http://a/b/c/..g"}, {"./../g", "http://a/b/g"}, {"./g/.", "http://a/b/c/g/"},
                {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"}, {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
                {"g;x=1/../y", "http://a/b/c/y"}, {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g?y/../x", "http://a/b/c/g?y/../x"},
                {"g#s/./x", "http://a/b/c/g#s/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"},
        };
        assertAll(cases);
    }

    @Test
    void aBaseWithAnEmptyPathGetsASlash() {
        assertEquals("http://h:8080/a", BaseUrl.parse("http://h:8080").resolve("a"));
    }

    @Test
    void aBaseMustBeAnAbsoluteHttpUrl() {
        for (String bad : new String[] {"/docs", "ftp://h/", "http:///x", "example.com"}) {
            assertThrows(IllegalArgumentException.class, () -> BaseUrl.parse(bad), bad);
        }
    }

    private static void assertAll(String[][] cases) {
        for (String[] c : cases) {
            assertEquals(c[1], BASE.resolve(c[0]), c[0]);
        }
    }
}
