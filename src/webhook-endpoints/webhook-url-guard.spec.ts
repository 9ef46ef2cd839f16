import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../config/app-config.js';
import { embeddedIpv4, ipv6Bytes, isPrivateAddress, WebhookUrlGuard } from './webhook-url-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '2001:db8::1',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('allows %s', (address) => expect(isPrivateAddress(address)).toBe(false));

  it('refuses what is not an address', () => {
    expect(isPrivateAddress('localhost')).toBe(true);
    expect(isPrivateAddress('1.2.3')).toBe(true);
  });

  it('parses IPv6 forms and finds embedded IPv4 addresses', () => {
    expect(Array.from(ipv6Bytes('::ffff:1.2.3.4')!)).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4,
    ]);
    expect(embeddedIpv4(ipv6Bytes('::ffff:0102:0304')!)).toBe('1.2.3.4');
    expect(embeddedIpv4(ipv6Bytes('2606:4700::1111')!)).toBeNull();
    expect(ipv6Bytes('1::2::3')).toBeNull();
    expect(ipv6Bytes('12345::')).toBeNull();
  });
});

describe('WebhookUrlGuard', () => {
  const guard = (allow: boolean) => new WebhookUrlGuard({ WEBHOOK_ALLOW_PRIVATE: allow } as AppConfig);

  it('wants https, no credentials, an absolute URL', () => {
    expect(() => guard(false).parse('http://93.184.215.14/hook')).toThrow(/https/);
    expect(() => guard(false).parse('ftp://93.184.215.14/hook')).toThrow(/https/);
    expect(() => guard(false).parse('/relative')).toThrow(/absolute/);
    expect(() => guard(false).parse('https://u:p@93.184.215.14/')).toThrow(/credentials/);
    expect(guard(false).parse('https://93.184.215.14/hook').hostname).toBe('93.184.215.14');
  });

  it('refuses private literals and names that resolve to loopback', async () => {
    await expect(guard(false).resolve('https://127.0.0.1/x')).rejects.toMatchObject({ reason: 'blocked' });
    await expect(guard(false).resolve('https://[::ffff:127.0.0.1]/x')).rejects.toMatchObject({
      reason: 'blocked',
    });
    await expect(guard(false).resolve('https://[fe80::1]/x')).rejects.toMatchObject({ reason: 'blocked' });
    await expect(guard(false).resolve('https://localhost/x')).rejects.toMatchObject({ reason: 'blocked' });
    await expect(guard(false).resolve('https://93.184.215.14/x')).resolves.toMatchObject({
      address: '93.184.215.14',
      family: 4,
    });
  });

  it('with WEBHOOK_ALLOW_PRIVATE allows http and private targets', async () => {
    await expect(guard(true).resolve('http://127.0.0.1:9/x')).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    expect(() => guard(true).parse('ftp://127.0.0.1/')).toThrow();
  });
});
