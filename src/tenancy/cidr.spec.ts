import { describe, expect, it } from '@jest/globals';
import { addressInList, buildBlockList, normalizeCidr } from './cidr.js';

describe('CIDR ranges of the IP allow-list', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['203.0.113.7', '203.0.113.7/32'],
    [' 192.168.1.0/24 ', '192.168.1.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1/128'],
    ['2001:db8:1:2:3:4:5:6/48', '2001:db8:1::/48'],
    ['::1', '::1/128'],
    ['::/0', '::/0'],
    ['fe80::1:0:0:1/128', 'fe80::1:0:0:1/128'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1/128'],
    ['::FFFF:a00:1', '::ffff:10.0.0.1/128'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3/128'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeCidr(input)).toBe(expected);
  });

  it.each([
    '',
    'localhost',
    '10.0.0.0/33',
    '10.0.0/8',
    '10.0.0.256',
    '010.0.0.1',
    '10.0.0.1/08',
    '10.0.0.1/',
    '/8',
    '2001:db8::/129',
    '2001:db8:::1',
    'fe80::1%eth0',
    '1.2.3.4/-1',
    '1.2.3.4 /8',
  ])('refuses %j', (input) => {
    expect(normalizeCidr(input)).toBeNull();
  });

  it('matches IPv4, IPv6 and IPv4-mapped addresses', () => {
    const list = buildBlockList(['10.0.0.0/8', '2001:db8::/32', '198.51.100.7/32']);
    expect(addressInList(list, '10.200.3.4')).toBe(true);
    expect(addressInList(list, '::ffff:10.200.3.4')).toBe(true);
    expect(addressInList(list, '198.51.100.7')).toBe(true);
    expect(addressInList(list, '198.51.100.8')).toBe(false);
    expect(addressInList(list, '11.0.0.1')).toBe(false);
    expect(addressInList(list, '2001:db8:ffff::1')).toBe(true);
    expect(addressInList(list, '2001:db9::1')).toBe(false);
    expect(addressInList(list, 'not an address')).toBe(false);
  });
});
