import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { TotalRelation } from './dto/search.dto.js';

/**
 * One cached answer: the page of results (JSON text, as PostgreSQL wrote it) and the total, valid
 * while the collection is at `version`.
 */
export interface CachedSearch {
  readonly collectionId: string;
  readonly version: string;
  readonly results: string;
  readonly total: number;
  readonly totalRelation: TotalRelation;
}

interface Entry extends CachedSearch {
  bytes: number;
}

/** Fixed cost of an entry beyond its results (map slot, entry object, answer fields). */
const ENTRY_OVERHEAD = 256;
/** Heap bytes per character of a string (V8 keeps strings with any non-Latin-1 character in UTF-16). */
const BYTES_PER_CHAR = 2;

/**
 * Search answers per instance, by tenant, collection name and request; least recently used first out,
 * within SEARCH_CACHE_MB.
 *
 * Exact, not time-based: an answer carries the collection's id and `search_version` read in the same
 * statement (same snapshot) as its records, and database triggers bump that version in the same
 * transaction as any change to the collection's records, word dictionary or schemas (SearchCache
 * migration). Before serving an answer, SearchService checks that the collection is still at that
 * version (one indexed row): an answer computed before a change is never served after it, by this
 * instance or any other, and a write is visible to the next search exactly as without the cache.
 * Metering, rate limits and `took_ms` are unaffected: every search is admitted and counted first.
 */
@Injectable()
export class SearchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly budget: number;
  private used = 0;

  constructor(config: AppConfig) {
    this.budget = config.SEARCH_CACHE_MB * 1024 * 1024;
  }

  get enabled(): boolean {
    return this.budget > 0;
  }

  /** The answer stored under `key`, now the most recently used; undefined on a miss. */
  get(key: string): CachedSearch | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Forgets an answer that is no longer current. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  /** Stores an answer (unless it alone exceeds a tenth of the budget), evicting the least recently used. */
  set(key: string, value: CachedSearch): void {
    if (!this.enabled) return;
    // The results are kept as the JSON text they are served as: their size is known without work.
    const bytes = ENTRY_OVERHEAD + BYTES_PER_CHAR * (key.length + value.results.length);
    if (bytes > this.budget / 10) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.used -= previous.bytes;
    }
    this.entries.set(key, { ...value, bytes });
    this.used += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budget) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
  }

  /** Entries and bytes held (tests, diagnostics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.used };
  }
}
