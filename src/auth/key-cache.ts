import type { KeyPrincipal } from '../common/principal.js';

/** What verification needs about a key, beyond the principal it answers. */
export interface KeyState {
  principal: KeyPrincipal;
  revokedAt: number | null;
  replaced: boolean;
  graceExpiresAt: number | null;
  expiresAt: number | null;
  tenantActive: boolean;
}

interface Entry {
  /** null: no key has this hash (negative entry). */
  state: KeyState | null;
  storedAt: number;
}

export interface KeyCacheOptions {
  maxEntries: number;
  ttlMs: number;
  negativeTtlMs: number;
}

/**
 * Bounded LRU of key lookups by HMAC, with negative entries for unknown hashes. Entries are dropped
 * by key id, by hash or by tenant when something changes; the TTL is only a safety net. A lookup
 * that raced an invalidation is not stored (generation check), so it cannot re-cache stale state.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hashByKeyId = new Map<string, string>();
  private readonly hashesByTenant = new Map<string, Set<string>>();
  private generation = 0;

  constructor(private readonly options: KeyCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached entry (refreshing its recency), or undefined when absent or older than `maxAgeMs`. */
  get(hash: string, now: number, maxAgeMs?: number): Entry | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const ttl = entry.state ? this.options.ttlMs : this.options.negativeTtlMs;
    if (now - entry.storedAt > Math.min(ttl, maxAgeMs ?? ttl)) return undefined;
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    return entry;
  }

  /** Any entry, however old (served when the database is unreachable). */
  peek(hash: string): Entry | undefined {
    return this.entries.get(hash);
  }

  /** Marks the start of a database lookup; pass the mark to `set`. */
  mark(): number {
    return this.generation;
  }

  set(hash: string, state: KeyState | null, mark: number, now: number): void {
    if (mark !== this.generation) return; // something changed while we were reading
    this.remove(hash);
    this.entries.set(hash, { state, storedAt: now });
    if (state) {
      this.hashByKeyId.set(state.principal.keyId, hash);
      let set = this.hashesByTenant.get(state.principal.tenantId);
      if (!set) this.hashesByTenant.set(state.principal.tenantId, (set = new Set()));
      set.add(hash);
    }
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
  }

  deleteKey(keyId: string): void {
    this.generation++;
    const hash = this.hashByKeyId.get(keyId);
    if (hash) this.remove(hash);
  }

  deleteHash(hash: string): void {
    this.generation++;
    this.remove(hash);
  }

  deleteTenant(tenantId: string): void {
    this.generation++;
    for (const hash of [...(this.hashesByTenant.get(tenantId) ?? [])]) this.remove(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.hashByKeyId.clear();
    this.hashesByTenant.clear();
  }

  private remove(hash: string): void {
    const entry = this.entries.get(hash);
    if (!entry) return;
    this.entries.delete(hash);
    if (entry.state) {
      const { keyId, tenantId } = entry.state.principal;
      if (this.hashByKeyId.get(keyId) === hash) this.hashByKeyId.delete(keyId);
      const set = this.hashesByTenant.get(tenantId);
      set?.delete(hash);
      if (set?.size === 0) this.hashesByTenant.delete(tenantId);
    }
  }
}
