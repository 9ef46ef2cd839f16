import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * IP ranges of the tenant allow-list (rules §6 `allowed_ip_ranges`): parsing, normalising and
 * matching. Pure functions; the API-key verifier builds one BlockList per distinct list and caches it.
 */

export interface Cidr {
  family: 'ipv4' | 'ipv6';
  /** Network address (host bits cleared), canonical text form. */
  network: string;
  prefix: number;
}

const IPV4_OCTET = /^(0|[1-9][0-9]{0,2})$/;

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // No leading zeros: "010" would mean 8 to some parsers and 10 to others.
    if (!IPV4_OCTET.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

/** 16 bytes of an IPv6 address (net.isIPv6 has already accepted it; no zone ids). */
function parseIpv6(text: string): number[] | null {
  if (!isIPv6(text) || text.includes('%')) return null;
  let head = text;
  let tailV4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const suffix = text.slice(lastColon + 1);
  if (suffix.includes('.')) {
    const v4 = parseIpv4(suffix);
    if (!v4) return null;
    tailV4 = v4;
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" → head "::"; "a::1.2.3.4" → "a::"; "a:b:c:d:e:f:1.2.3.4" → "a:b:c:d:e:f:"
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = tailV4.length ? 6 : 8;
  const [left, right] = head.includes('::') ? head.split('::') : [head, null];
  const toGroups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const leftGroups = toGroups(left);
  const rightGroups = right === null ? [] : toGroups(right);
  const missing = groupsWanted - leftGroups.length - rightGroups.length;
  if (right === null ? missing !== 0 : missing < 1) return null;
  const groups = [...leftGroups, ...new Array<number>(right === null ? 0 : missing).fill(0), ...rightGroups];
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return [...bytes, ...tailV4];
}

function formatIpv4(bytes: number[]): string {
  return bytes.join('.');
}

/**
 * RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::", IPv4-mapped
 * addresses with their dotted tail.
 */
function formatIpv6(bytes: number[]): string {
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${formatIpv4(bytes.slice(12))}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function maskBytes(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return bits === 8 ? b : b & ((0xff << (8 - bits)) & 0xff);
  });
}

/**
 * Parses "10.0.0.0/8", "203.0.113.7" (one address: /32), "2001:db8::/32" or "::1" (/128).
 * Host bits are cleared ("10.1.2.3/8" → "10.0.0.0/8"). Answers null when the text is not a range.
 */
export function parseCidr(input: string): Cidr | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 64) return null;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);
  if (prefixText !== null && !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return null;
  if (isIPv4(address)) {
    const bytes = parseIpv4(address);
    const prefix = prefixText === null ? 32 : Number(prefixText);
    if (!bytes || prefix > 32) return null;
    return { family: 'ipv4', network: formatIpv4(maskBytes(bytes, prefix)), prefix };
  }
  const bytes = parseIpv6(address.toLowerCase());
  const prefix = prefixText === null ? 128 : Number(prefixText);
  if (!bytes || prefix > 128) return null;
  return { family: 'ipv6', network: formatIpv6(maskBytes(bytes, prefix)), prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${cidr.network}/${cidr.prefix}`;
}

/** The canonical text of a range, or null when it is not one. */
export function normalizeCidr(input: string): string | null {
  const cidr = parseCidr(input);
  return cidr ? formatCidr(cidr) : null;
}

/** A BlockList holding the ranges (already normalised; anything unparsable is skipped). */
export function buildBlockList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.network, cidr.prefix, cidr.family);
  }
  return list;
}

/** Whether a client address (as Fastify reports it) falls in the list. IPv4-mapped IPv6 counts as IPv4. */
export function addressInList(list: BlockList, address: string): boolean {
  let ip = address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  if (isIPv4(ip)) return list.check(ip, 'ipv4') || list.check(`::ffff:${ip}`, 'ipv6');
  if (isIPv6(ip)) return list.check(ip, 'ipv6');
  return false;
}
