import { BlockList, isIP } from "node:net";

/** Parses MIZAN_TRUSTED_PROXIES ("10.0.0.0/8, ::1/128, 192.0.2.7") into a list; throws on a bad entry. */
export function parseTrustedProxies(raw: string): BlockList {
  const list = new BlockList();
  for (const entry of raw.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`not an IP address or CIDR: ${entry}`);
    const type = family === 6 ? "ipv6" : "ipv4";
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`bad prefix: ${entry}`);
    list.addSubnet(address, prefix, type);
  }
  return list;
}
