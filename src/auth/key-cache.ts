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
  /** null: no key has this fingerprint (negative entry). */
  state: KeyState | null;
  storedAt: number;
}

export interface KeyCacheOptions {
  maxEntries: number;
  ttlMs: number;
  negativeTtlMs: number;
}

/**
 * Bounded LRU of key lookups by key fingerprint, with negative entries for unknown keys. Entries are dropped
 * by key id, by fingerprint or by tenant when something changes; the TTL is only a safety net. A lookup
 * that raced an invalidation is not stored (generation check), so it cannot re-cache stale state.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly fingerprintByKeyId = new Map<string, string>();
  private readonly fingerprintsByTenant = new Map<string, Set<string>>();
  private generation = 0;

  constructor(private readonly options: KeyCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached entry (refreshing its recency), or undefined when absent or older than `maxAgeMs`. */
  get(fingerprint: string, now: number, maxAgeMs?: number): Entry | undefined {
    const entry = this.entries.get(fingerprint);
    if (!entry) return undefined;
    const ttl = entry.state ? this.options.ttlMs : this.options.negativeTtlMs;
    if (now - entry.storedAt > Math.min(ttl, maxAgeMs ?? ttl)) return undefined;
    this.entries.delete(fingerprint);
    this.entries.set(fingerprint, entry);
    return entry;
  }

  /** Any entry, however old (served when the database is unreachable). */
  peek(fingerprint: string): Entry | undefined {
    return this.entries.get(fingerprint);
  }

  /** Marks the start of a database lookup; pass the mark to `set`. */
  mark(): number {
    return this.generation;
  }

  set(fingerprint: string, state: KeyState | null, mark: number, now: number): void {
    if (mark !== this.generation) return; // something changed while we were reading
    this.remove(fingerprint);
    this.entries.set(fingerprint, { state, storedAt: now });
    if (state) {
      this.fingerprintByKeyId.set(state.principal.keyId, fingerprint);
      let set = this.fingerprintsByTenant.get(state.principal.tenantId);
      if (!set) this.fingerprintsByTenant.set(state.principal.tenantId, (set = new Set()));
      set.add(fingerprint);
    }
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
  }

  deleteKey(keyId: string): void {
    this.generation++;
    const fingerprint = this.fingerprintByKeyId.get(keyId);
    if (fingerprint) this.remove(fingerprint);
  }

  deleteFingerprint(fingerprint: string): void {
    this.generation++;
    this.remove(fingerprint);
  }

  deleteTenant(tenantId: string): void {
    this.generation++;
    for (const fingerprint of [...(this.fingerprintsByTenant.get(tenantId) ?? [])]) this.remove(fingerprint);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.fingerprintByKeyId.clear();
    this.fingerprintsByTenant.clear();
  }

  private remove(fingerprint: string): void {
    const entry = this.entries.get(fingerprint);
    if (!entry) return;
    this.entries.delete(fingerprint);
    if (entry.state) {
      const { keyId, tenantId } = entry.state.principal;
      if (this.fingerprintByKeyId.get(keyId) === fingerprint) this.fingerprintByKeyId.delete(keyId);
      const set = this.fingerprintsByTenant.get(tenantId);
      set?.delete(fingerprint);
      if (set?.size === 0) this.fingerprintsByTenant.delete(tenantId);
    }
  }
}
