import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { TenantId } from '../../common/tenant-id.js';
import { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.service.js';
import { SearchRepository, type SearchOutcome } from '../search.repository.js';
import { CollectionIndex, CollectionIndexBuilder } from './collection-index.js';
import { parseTsvector, positionOf } from './tsvector.js';

/** Records read per statement while an index is built (each page is parsed before the next is read). */
const BUILD_PAGE = 1000;
/** Pause after each page, relative to the time the page took (a build runs about half the time). */
const BUILD_PAUSE_RATIO = 1;
const BUILD_MAX_PAUSE_MS = 200;
/** Deepest result an index serves (`offset + limit`); deeper pages are read in PostgreSQL. */
const MAX_DEPTH = 1000;
/** Words of a query the index serves; longer queries run in PostgreSQL. */
const MAX_WORDS = 16;
/** Words whose lexemes an instance keeps (each a short string or two). */
const MAX_STEMMED_WORDS = 100_000;
/** Collections whose last-seen version an instance keeps while waiting for them to settle. */
const MAX_WATCHED = 10_000;

/** A query of plain words: letters and digits, separated by white space, without websearch's `or`. */
function plainWords(query: string): string[] | null {
  const words = query.trim().split(/\s+/u);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  for (const word of words) {
    if (!/^[\p{L}\p{N}]+$/u.test(word) || word.toLowerCase() === 'or') return null;
  }
  return words;
}

/** What SearchService asks of the index: a search without filters. */
export interface IndexedSearch {
  collection: string;
  query: string;
  limit: number;
  offset: number;
  recordType?: string;
  exactTotal: boolean;
}

/**
 * In-process search indexes of the busiest collections (src/collections/search-index/README.md): a
 * search of plain words is ranked here, from an index of the collection's records as of one
 * `search_version`, and PostgreSQL only reads the page's records by id — in the same statement as the
 * collection's current version, so a page stands only when the index is current. Otherwise (no index,
 * a stale one, anything but plain words, filters, no match) the search runs in PostgreSQL as before,
 * and a collection that has stopped changing is indexed in the background.
 */
@Injectable()
export class SearchIndex implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndex');
  /** By tenant and collection name; least recently used first. */
  private readonly indexes = new Map<string, CollectionIndex>();
  private used = 0;
  private readonly budget: number;
  /** Word as typed → its lexemes (none: a stopword), or null when it is not one plain lexeme. */
  private readonly stems = new Map<string, string[] | null>();
  /** Collections not indexed: the id and version a search last saw, and since when. */
  private readonly watched = new Map<string, { collectionId: string; version: string; since: number }>();
  /** Collections too small to index, at the id and version they were counted. */
  private readonly small = new Map<string, string>();
  /** Builds under way, by collection; one runs at a time per instance (`queue`). */
  private readonly builds = new Map<string, Promise<CollectionIndex | null>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Builds due after an upload, by collection (`uploaded`). */
  private readonly due = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: SearchRepository,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.budget = config.SEARCH_INDEX_MB * 1024 * 1024;
  }

  onModuleInit(): void {
    this.metrics.gauge('cistern_search_index_collections', 'Collections indexed in process.', [], (g) => {
      g.set(this.indexes.size);
    });
    this.metrics.gauge(
      'cistern_search_index_bytes',
      'Heap held by in-process search indexes (estimated).',
      [],
      (g) => {
        g.set(this.used);
      },
    );
  }

  get enabled(): boolean {
    return this.budget > 0;
  }

  /** Indexes held and their bytes (tests, diagnostics). */
  get size(): { collections: number; bytes: number } {
    return { collections: this.indexes.size, bytes: this.used };
  }

  /**
   * The search answered from the collection's index, or null when the index cannot answer it (then it
   * runs in PostgreSQL, and `observe` is told what it saw).
   */
  async search(tenant: TenantId, q: IndexedSearch): Promise<Extract<SearchOutcome, { found: true }> | null> {
    if (!this.enabled || q.offset + q.limit > MAX_DEPTH) return null;
    const words = plainWords(q.query);
    if (!words) return null;
    const lexemes = await this.lexemes(words);
    if (!lexemes || lexemes.length === 0) return null;
    const key = `${tenant}\u0000${q.collection}`;
    for (let attempt = 1; attempt <= 2; attempt++) {
      let index = this.indexes.get(key);
      if (!index && this.config.SEARCH_INDEX_WAIT)
        index = (await this.build(tenant, q.collection)) ?? undefined;
      if (!index) return null;
      this.indexes.delete(key);
      this.indexes.set(key, index);
      const { matches, ranked } = index.search(lexemes, q.recordType, q.offset + q.limit);
      // No match: PostgreSQL answers (the corrected words, when the search may correct them).
      if (matches === 0) return null;
      const page = ranked.slice(q.offset);
      // The page stands only if the collection is still the one, at the version, the index was built from.
      const row = await this.repo.collectionVersion(this.dataSource, tenant, q.collection);
      if (row && row.id === index.collectionId && row.version === index.version) {
        return {
          found: true,
          collectionId: row.id,
          version: row.version,
          schemaVersion: row.schema_version,
          results: index.resultsJson(page),
          returned: page.length,
          counted: q.exactTotal ? matches : Math.min(matches, this.repo.countLimit + 1),
        };
      }
      this.drop(key);
      if (!row) return null;
    }
    return null;
  }

  /**
   * A search ran in PostgreSQL and saw the collection at `version`. Once a collection has been seen at
   * the same version for SEARCH_INDEX_QUIET_MS (it has stopped changing), it is indexed in the background.
   */
  observe(tenant: TenantId, collection: string, collectionId: string, version: string): void {
    if (!this.enabled) return;
    const key = `${tenant}\u0000${collection}`;
    const index = this.indexes.get(key);
    if (index && index.collectionId === collectionId && index.version === version) return;
    if (this.small.get(key) === `${collectionId}:${version}` || this.builds.has(key)) return;
    const now = Date.now();
    const seen = this.watched.get(key);
    if (!seen || seen.collectionId !== collectionId || seen.version !== version) {
      this.watched.delete(key);
      if (this.watched.size >= MAX_WATCHED) this.watched.delete(this.watched.keys().next().value!);
      this.watched.set(key, { collectionId, version, since: now });
      if (this.config.SEARCH_INDEX_QUIET_MS > 0) return;
    } else if (now - seen.since < this.config.SEARCH_INDEX_QUIET_MS) return;
    this.watched.delete(key);
    this.build(tenant, collection).catch((error: unknown) => {
      this.logger.warn(`search index of a collection not built: ${(error as Error).message}`);
    });
  }

  /**
   * An upload into the collection completed here: it is indexed after SEARCH_INDEX_QUIET_MS (unless it
   * changes again), so that its first searches need not run in PostgreSQL while the index is built.
   * Bulk writes come through uploads; a single record written is left to `observe`.
   */
  uploaded(tenant: TenantId, collection: string): void {
    if (!this.enabled || this.stopped) return;
    const key = `${tenant}\u0000${collection}`;
    clearTimeout(this.due.get(key));
    const timer = setTimeout(() => {
      this.due.delete(key);
      if (this.stopped) return;
      this.build(tenant, collection).catch((error: unknown) => {
        this.logger.warn(`search index of a collection not built: ${(error as Error).message}`);
      });
    }, this.config.SEARCH_INDEX_QUIET_MS);
    timer.unref();
    this.due.set(key, timer);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }

  /**
   * Builds a collection's index from its searchable records, page by page, without a transaction: the
   * collection's version is read before the first page and after the last, and the pages are kept only
   * when it did not change (every committed change to the records bumps it).
   */
  private build(tenant: TenantId, collection: string): Promise<CollectionIndex | null> {
    const key = `${tenant}\u0000${collection}`;
    const running = this.builds.get(key);
    if (running) return running;
    const build = this.queue.then(async () => {
      if (this.stopped) return null;
      const started = performance.now();
      const head = await this.repo.collectionVersion(this.dataSource, tenant, collection);
      if (!head) return null;
      const held = this.indexes.get(key);
      if (held && held.collectionId === head.id && held.version === head.version) return held;
      const min = this.config.SEARCH_INDEX_MIN_RECORDS;
      if (min > 0 && (await this.repo.countSearchable(this.dataSource, tenant, head.id, min)) < min) {
        this.small.delete(key);
        if (this.small.size >= MAX_WATCHED) this.small.delete(this.small.keys().next().value!);
        this.small.set(key, `${head.id}:${head.version}`);
        return null;
      }
      const builder = new CollectionIndexBuilder(head.id, head.version);
      for (let after = '0'; ;) {
        const pageStarted = performance.now();
        const rows = await this.repo.searchablePage(this.dataSource, tenant, head.id, after, BUILD_PAGE);
        if (this.stopped) return null;
        builder.add(rows);
        if (rows.length < BUILD_PAGE) break;
        after = rows[rows.length - 1].seq;
        // A background build leaves requests at least half the time: after each page, it waits as long
        // as the page took (reading it in PostgreSQL and parsing it here).
        await sleep(Math.min(BUILD_MAX_PAUSE_MS, (performance.now() - pageStarted) * BUILD_PAUSE_RATIO));
      }
      const tail = await this.repo.collectionVersion(this.dataSource, tenant, collection);
      if (!tail || tail.id !== head.id || tail.version !== head.version) return null;
      const index = builder.finish();
      if (!this.store(key, index)) return null;
      this.logger.log(
        `search index built: ${index.size} records, ${(index.bytes / 1048576).toFixed(1)} MiB, ${Math.round(performance.now() - started)} ms`,
      );
      this.watched.delete(key);
      return index;
    });
    const tracked = build.finally(() => this.builds.delete(key));
    this.builds.set(key, tracked);
    this.queue = tracked.catch(() => undefined);
    return tracked;
  }

  /** Keeps an index within the budget, the least recently used out; false when it alone exceeds it. */
  private store(key: string, index: CollectionIndex): boolean {
    this.drop(key);
    if (index.bytes > this.budget) return false;
    this.indexes.set(key, index);
    this.used += index.bytes;
    for (const [oldest, held] of this.indexes) {
      if (this.used <= this.budget) break;
      this.indexes.delete(oldest);
      this.used -= held.bytes;
    }
    return true;
  }

  private drop(key: string): void {
    const index = this.indexes.get(key);
    if (!index) return;
    this.indexes.delete(key);
    this.used -= index.bytes;
  }

  /**
   * The query's lexemes as `websearch_to_tsquery` makes them from plain words (each word alone through
   * the search configuration, stopwords dropped), or null when a word is not exactly one lexeme at one
   * position (then PostgreSQL parses the query). Words are stemmed by PostgreSQL once per instance.
   */
  private async lexemes(words: string[]): Promise<string[] | null> {
    const missing = [...new Set(words.filter((w) => !this.stems.has(w)))];
    if (missing.length > 0) {
      for (const { word, vector } of await this.repo.stemWords(this.dataSource, missing)) {
        const entries = parseTsvector(vector);
        const single =
          entries.length === 0
            ? []
            : entries.length === 1 &&
                entries[0].positions.length === 1 &&
                positionOf(entries[0].positions[0]) === 1
              ? [entries[0].lexeme]
              : null;
        if (this.stems.size >= MAX_STEMMED_WORDS) this.stems.delete(this.stems.keys().next().value!);
        this.stems.set(word, single);
      }
    }
    const lexemes: string[] = [];
    for (const word of words) {
      const stem = this.stems.get(word);
      if (stem === null || stem === undefined) return null;
      lexemes.push(...stem);
    }
    return lexemes;
  }
}
