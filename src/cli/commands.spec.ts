import { describe, expect, it } from '@jest/globals';
import { parseCommand, UsageError } from './commands.js';

const id = '0b5c1f5e-8a3f-4c55-9f0e-2a1d3c4b5e6f';

describe('parseCommand', () => {
  it('parses every command', () => {
    expect(parseCommand([])).toEqual({ name: 'help' });
    expect(parseCommand(['migrate'])).toEqual({ name: 'migrate' });
    expect(parseCommand(['tenants', 'list'])).toEqual({ name: 'tenants.list' });
    expect(parseCommand(['tenants', 'set-plan', id, 'pro'])).toEqual({
      name: 'tenants.set-plan',
      tenantId: id,
      plan: 'pro',
    });
    expect(
      parseCommand([
        'tenants',
        'set-limits',
        id,
        '--requests-per-minute',
        '100000',
        '--search-per-minute',
        'plan',
      ]),
    ).toEqual({
      name: 'tenants.set-limits',
      tenantId: id,
      requestsPerMinute: 100000,
      searchPerMinute: null,
    });
    expect(parseCommand(['tenants', 'suspend', id.toUpperCase()])).toEqual({
      name: 'tenants.suspend',
      tenantId: id,
    });
    expect(parseCommand(['tenants', 'resume', id])).toEqual({ name: 'tenants.resume', tenantId: id });
  });

  it.each([
    [['nope']],
    [['tenants']],
    [['tenants', 'explode']],
    [['tenants', 'set-plan', 'not-a-uuid', 'pro']],
    [['tenants', 'set-plan', id, 'platinum']],
    [['tenants', 'set-limits', id]],
    [['tenants', 'set-limits', id, '--requests-per-minute', '0']],
    [['tenants', 'set-limits', id, '--requests-per-minute', '1.5']],
    [['tenants', 'set-limits', id, '--rpm', '5']],
    [['tenants', 'suspend']],
    [['tenants', 'list', 'extra']],
    [['migrate', 'now']],
  ])('refuses %j with a usage error', (args) => {
    expect(() => parseCommand(args)).toThrow(UsageError);
  });
});
