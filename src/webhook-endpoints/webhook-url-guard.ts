import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppConfig } from '../config/app-config.js';

/**
 * SSRF guard of rotation webhooks (rules §4). A target must be `https` and every address its host
 * resolves to must be public: not private, loopback, link-local, CGNAT, multicast, documentation
 * or otherwise reserved — IPv4 and IPv6, IPv4-mapped/-compatible/NAT64/6to4 forms judged by the
 * IPv4 address they carry. `WEBHOOK_ALLOW_PRIVATE=true` (tests, intranets) lifts both rules:
 * private addresses AND plain `http` are then allowed, since intranet receivers rarely have
 * public certificates.
 *
 * Checked when a key is created (422) and again at every delivery, where the checked address is
 * pinned for the connection so a DNS answer cannot change between the check and the request.
 */

const blocked4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked4.addSubnet(net, prefix, 'ipv4');
}

const blocked6 = new BlockList();
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, ...)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked6.addSubnet(net, prefix, 'ipv6');
}

/** The 16 bytes of an IPv6 address (any textual form, including a trailing dotted IPv4). */
export function ipv6Bytes(address: string): Uint8Array | null {
  let text = address.toLowerCase().split('%')[0];
  // A trailing dotted IPv4 (`::ffff:127.0.0.1`) becomes two hex groups (`::ffff:7f00:1`).
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    if (isIP(dotted) !== 4) return null;
    const [a, b, c, d] = dotted.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) =>
    s === '' ? [] : s.split(':').map((h) => (/^[0-9a-f]{1,4}$/.test(h) ? parseInt(h, 16) : NaN));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const given = head.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const groups = [...head, ...new Array<number>(8 - given).fill(0), ...tail];
  if (groups.some((g) => Number.isNaN(g))) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIpv4(bytes: Uint8Array): string | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const v4 = (at: number) => `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12);
  if (zeros(0, 12) && !zeros(12, 16)) return v4(12);
  // 64:ff9b::a.b.c.d and 64:ff9b:1::/48 (NAT64)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) return v4(12);
  // 2002:aabb:ccdd::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2);
  return null;
}

/** True for every address a webhook must not reach (unless WEBHOOK_ALLOW_PRIVATE). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked4.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse
  const bytes = ipv6Bytes(address);
  if (!bytes) return true;
  const v4 = embeddedIpv4(bytes);
  if (v4 !== null) return blocked4.check(v4, 'ipv4');
  return blocked6.check(address.split('%')[0], 'ipv6');
}

export class WebhookTargetError extends Error {
  /** `blocked`: the URL or its addresses are refused (final); `unresolved`: DNS failed (may be transient). */
  constructor(
    message: string,
    readonly reason: 'invalid' | 'blocked' | 'unresolved',
  ) {
    super(message);
  }
}

export interface ResolvedTarget {
  url: URL;
  /** The address to connect to (already checked). */
  address: string;
  family: 4 | 6;
}

const DNS_TIMEOUT_MS = 5000;

@Injectable()
export class WebhookUrlGuard {
  constructor(private readonly config: AppConfig) {}

  get allowPrivate(): boolean {
    return this.config.WEBHOOK_ALLOW_PRIVATE;
  }

  /** The URL's form alone: absolute, https (http only with WEBHOOK_ALLOW_PRIVATE), no credentials. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookTargetError('must be an absolute URL', 'invalid');
    }
    const schemes = this.allowPrivate ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) {
      throw new WebhookTargetError(
        this.allowPrivate ? 'must be an http or https URL' : 'must be an https URL',
        'invalid',
      );
    }
    if (url.username || url.password) throw new WebhookTargetError('must not contain credentials', 'invalid');
    if (!url.hostname) throw new WebhookTargetError('must name a host', 'invalid');
    return url;
  }

  /**
   * Parses and resolves the URL and checks every address it resolves to; answers the first one,
   * to be pinned for the connection. Throws WebhookTargetError.
   */
  async resolve(raw: string): Promise<ResolvedTarget> {
    const url = this.parse(raw);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: { address: string; family: number }[];
    const literal = isIP(host);
    if (literal) {
      addresses = [{ address: host, family: literal }];
    } else {
      addresses = await this.lookup(host);
    }
    if (addresses.length === 0) throw new WebhookTargetError(`host ${host} does not resolve`, 'unresolved');
    if (!this.allowPrivate) {
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused) {
        throw new WebhookTargetError(
          `must not point to a private, loopback or link-local address (${host} resolves to ${refused.address})`,
          'blocked',
        );
      }
    }
    const first = addresses[0];
    return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
  }

  private async lookup(host: string): Promise<{ address: string; family: number }[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new WebhookTargetError(`resolving ${host} timed out`, 'unresolved')),
        DNS_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    } catch (error) {
      if (error instanceof WebhookTargetError) throw error;
      throw new WebhookTargetError(`host ${host} does not resolve`, 'unresolved');
    } finally {
      clearTimeout(timer);
    }
  }
}
