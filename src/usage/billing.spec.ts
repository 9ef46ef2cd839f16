import { describe, expect, it } from '@jest/globals';
import { roundCents, usageAmounts } from './billing.js';

describe('usage arithmetic (rules §7)', () => {
  it('free: 1,000 records and 1,000 searches included, no billed overage', () => {
    expect(usageAmounts('free', 800, 1000)).toEqual({
      records: { used: 800, included: 1000, overage: 0, overage_cost: 0 },
      searches: { used: 1000, included: 1000, overage: 0, overage_cost: 0 },
      estimated_overage_total: 0,
    });
  });

  it('pro: no searches included, every search billed at 1.50 per 1,000', () => {
    expect(usageAmounts('pro', 50_000, 2_345)).toEqual({
      records: { used: 50_000, included: 100_000, overage: 0, overage_cost: 0 },
      searches: { used: 2_345, included: null, overage: 2_345, overage_cost: 3.52 },
      estimated_overage_total: 3.52,
    });
    expect(usageAmounts('pro', 0, 0).searches).toEqual({
      used: 0,
      included: null,
      overage: 0,
      overage_cost: 0,
    });
    expect(usageAmounts('pro', 0, 1).searches.overage_cost).toBe(0); // 0.0015 € rounds to 0.00
    expect(usageAmounts('pro', 0, 4).searches.overage_cost).toBe(0.01); // 0.006 € rounds to 0.01
  });

  it('scale: 100,000 searches included, then 1.00 per 1,000; records unlimited', () => {
    expect(usageAmounts('scale', 2_000_000, 99_999).searches).toEqual({
      used: 99_999,
      included: 100_000,
      overage: 0,
      overage_cost: 0,
    });
    expect(usageAmounts('scale', 2_000_000, 112_345)).toEqual({
      records: { used: 2_000_000, included: null, overage: 0, overage_cost: 0 },
      searches: { used: 112_345, included: 100_000, overage: 12_345, overage_cost: 12.35 },
      estimated_overage_total: 12.35,
    });
  });

  it('enterprise: unmetered, nothing billed', () => {
    expect(usageAmounts('enterprise', 10_000_000, 5_000_000)).toEqual({
      records: { used: 10_000_000, included: null, overage: 0, overage_cost: 0 },
      searches: { used: 5_000_000, included: null, overage: 0, overage_cost: 0 },
      estimated_overage_total: 0,
    });
  });

  it('rounds to cents half away from zero without binary surprises', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(2.675)).toBe(2.68);
    expect(roundCents(0.004)).toBe(0);
    expect(roundCents(12.345)).toBe(12.35);
  });
});
