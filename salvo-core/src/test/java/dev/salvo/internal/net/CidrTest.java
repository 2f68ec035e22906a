package dev.salvo.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CIDR parsing and matching, edges included; pure, no network (only IP literals are parsed). */
class CidrTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // a literal: no lookup
    }

    @Test
    void boundariesOfAnIpv4Range() throws Exception {
        Cidr range = Cidr.parse("100.64.0.0/10");
        assertTrue(range.contains(ip("100.64.0.0")));
        assertTrue(range.contains(ip("100.127.255.255")));
        assertFalse(range.contains(ip("100.63.255.255")));
        assertFalse(range.contains(ip("100.128.0.0")));
    }

    @Test
    void aBareAddressIsASingleHost() throws Exception {
        Cidr one = Cidr.parse("127.0.0.2");
        assertTrue(one.contains(ip("127.0.0.2")));
        assertFalse(one.contains(ip("127.0.0.1")));
        assertFalse(one.contains(ip("127.0.0.3")));
        assertTrue(Cidr.parse("::1").contains(ip("::1")));
        assertFalse(Cidr.parse("::1").contains(ip("::2")));
    }

    @Test
    void prefixZeroMatchesEveryAddressOfItsFamilyOnly() throws Exception {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
        assertTrue(Cidr.parse("::/0").contains(ip("2001:db8::1")));
        assertFalse(Cidr.parse("::/0").contains(ip("203.0.113.9")), "an IPv6 range does not match IPv4");
    }

    @Test
    void prefixesThatDoNotFallOnAByteBoundary() throws Exception {
        Cidr range = Cidr.parse("172.16.0.0/12");
        assertTrue(range.contains(ip("172.31.255.255")));
        assertFalse(range.contains(ip("172.32.0.0")));
        assertFalse(range.contains(ip("172.15.255.255")));
        Cidr ula = Cidr.parse("fc00::/7");
        assertTrue(ula.contains(ip("fd12:3456::1")));
        assertFalse(ula.contains(ip("fe00::1")));
        Cidr linkLocal = Cidr.parse("fe80::/10");
        assertTrue(linkLocal.contains(ip("febf::1")));
        assertFalse(linkLocal.contains(ip("fec0::1")));
    }

    @Test
    void hostBitsBelowThePrefixAreIgnored() throws Exception {
        assertTrue(Cidr.parse("10.1.2.3/8").contains(ip("10.200.0.1")));
    }

    @Test
    void anIpv4RangeMatchesTheIpv4MappedIpv6FormButNotOtherIpv6() throws Exception {
        Cidr range = Cidr.parse("169.254.0.0/16");
        assertTrue(range.contains(ip("::ffff:169.254.169.254")));
        assertTrue(Cidr.parse("127.0.0.2/32").contains(ip("::ffff:7f00:2")));
        assertFalse(range.contains(ip("::169.254.169.254")), "IPv4-compatible (deprecated) is not IPv4-mapped");
        assertFalse(range.contains(ip("64:ff9b::a9fe:a9fe")), "NAT64 is a different address");
    }

    @Test
    void bracketedIpv6IsAccepted() throws Exception {
        assertTrue(Cidr.parse("[::1]/128").contains(ip("::1")));
    }

    @Test
    void badRangesAreRefusedWithTheValueNamed() {
        for (String bad : List.of("", "example.com", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
                "10.0.0/8", "300.1.1.1", "10.0.0.0/-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void denyPrivateCoversTheIssuesRanges() throws Exception {
        AddressGuard guard = AddressGuard.of(List.of(), true);
        for (String denied : List.of("127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.5.4", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "::1", "::", "fe80::1",
                "fc00::1", "fdff:ffff::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
                "::ffff:192.168.0.1", "::ffff:100.64.0.1", "::ffff:172.16.0.1")) {
            assertTrue(guard.denying(ip(denied)) != null, denied + " should be denied");
        }
        for (String allowed : List.of("8.8.8.8", "100.128.0.1", "172.32.0.1", "192.169.0.1", "2001:db8::1",
                "::ffff:8.8.8.8", "fec0::1", "11.0.0.1")) {
            assertNull(guard.denying(ip(allowed)), allowed + " should be allowed");
        }
    }

    @Test
    void theDenyingRangeIsNamedAsWritten() throws Exception {
        AddressGuard guard = AddressGuard.of(List.of("127.0.0.2/32"), false);
        assertEquals("127.0.0.2/32", guard.denying(ip("127.0.0.2")).toString());
        assertNull(guard.denying(ip("127.0.0.1")));
        assertTrue(AddressGuard.of(List.of(), false).allowsAll());
    }
}
