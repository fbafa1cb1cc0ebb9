import { describe, expect, it } from "vitest";
import { addressKey, clientAddress } from "@/lib/http/client-address";
import { parseTrustedProxies } from "@/lib/http/trusted-proxies";

const proxies = parseTrustedProxies("10.0.0.0/8, ::1/128");
const none = parseTrustedProxies("");

describe("clientAddress", () => {
  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", undefined, none)).toBe("203.0.113.9");
  });
  it("behind trusted proxies is the right-most untrusted hop; hops a client wrote are ignored", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.5", proxies)).toBe("198.51.100.7");
    expect(clientAddress("::1", "10.1.1.1, 10.0.0.3", proxies)).toBe("10.1.1.1");
    expect(clientAddress("10.0.0.2", "evil, 198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "198.51.100.7, junk", proxies)).toBe("10.0.0.2");
  });
  it("refuses a bad proxy list", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
    expect(() => parseTrustedProxies("proxy.local")).toThrow();
  });
});

describe("addressKey", () => {
  it("groups IPv6 by /64 and keeps IPv4 whole", () => {
    expect(addressKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8:aa:bb::9")).toBe(addressKey("2001:0db8:00aa:00bb:ffff::1"));
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
  });
});
