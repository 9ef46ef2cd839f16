import type { PlanName } from '../common/vocabulary.js';
import { PLANS, type Plan } from './plans.js';

export interface MetricUsage {
  used: number;
  /** Included in the plan; null when the plan sets none (unlimited records, pro/enterprise searches). */
  included: number | null;
  overage: number;
  overage_cost: number;
}

export interface UsageAmounts {
  records: MetricUsage;
  searches: MetricUsage;
  estimated_overage_total: number;
}

/** Rounded to cents, half away from zero, immune to binary fractions (1.005 → 1.01). */
export function roundCents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

/**
 * rules §7. Searches are the billed metric: on plans with a price per 1,000 (pro, scale),
 * `overage = max(0, used - (included or 0))` and `overage_cost = round(overage * price / 1000, 2)` —
 * pro includes none, so every search is billed. Free has no overage (searches past the included
 * ones are refused with 429 `quota_exceeded`); enterprise is unmetered (price 0). Records are capped
 * or unlimited, never billed: their overage is 0.
 */
export function usageAmounts(planName: PlanName, recordsUsed: number, searchesUsed: number): UsageAmounts {
  const plan: Plan = PLANS[planName];
  const billed = plan.searchPricePer1000 !== null && plan.searchPricePer1000 > 0;
  const searchOverage = billed ? Math.max(0, searchesUsed - (plan.searchesIncluded ?? 0)) : 0;
  const searchCost = billed ? roundCents((searchOverage * plan.searchPricePer1000!) / 1000) : 0;
  return {
    records: { used: recordsUsed, included: plan.recordsIncluded, overage: 0, overage_cost: 0 },
    searches: {
      used: searchesUsed,
      included: plan.searchesIncluded,
      overage: searchOverage,
      overage_cost: searchCost,
    },
    estimated_overage_total: roundCents(searchCost),
  };
}
