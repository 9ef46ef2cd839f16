import type { PlanName } from '../common/vocabulary.js';

export interface Plan {
  /** Active-record cap (null = unlimited). */
  recordsIncluded: number | null;
  recordsCapped: boolean;
  /** Searches included per month: a number, or null meaning none (pro: all billed) or unmetered (enterprise). */
  searchesIncluded: number | null;
  /** € per 1,000 searches over the included ones; null = no overage (429 `quota_exceeded`). */
  searchPricePer1000: number | null;
  allowsOverage: boolean;
  requestsPerMinute: number;
  searchPerMinute: number;
  /** -1 = unlimited. */
  maxCollections: number;
  activeKeysPerProject: number;
}

/** rules §7, the one plan table. */
export const PLANS: Readonly<Record<PlanName, Plan>> = {
  free: {
    recordsIncluded: 1_000,
    recordsCapped: true,
    searchesIncluded: 1_000,
    searchPricePer1000: null,
    allowsOverage: false,
    requestsPerMinute: 60,
    searchPerMinute: 30,
    maxCollections: 3,
    activeKeysPerProject: 10,
  },
  pro: {
    recordsIncluded: 100_000,
    recordsCapped: true,
    searchesIncluded: null,
    searchPricePer1000: 1.5,
    allowsOverage: true,
    requestsPerMinute: 200,
    searchPerMinute: 100,
    maxCollections: -1,
    activeKeysPerProject: 10,
  },
  scale: {
    recordsIncluded: null,
    recordsCapped: false,
    searchesIncluded: 100_000,
    searchPricePer1000: 1.0,
    allowsOverage: true,
    requestsPerMinute: 1_000,
    searchPerMinute: 500,
    maxCollections: -1,
    activeKeysPerProject: 25,
  },
  enterprise: {
    recordsIncluded: null,
    recordsCapped: false,
    searchesIncluded: null,
    searchPricePer1000: 0,
    allowsOverage: true,
    requestsPerMinute: 5_000,
    searchPerMinute: 2_500,
    maxCollections: -1,
    activeKeysPerProject: 100,
  },
};
