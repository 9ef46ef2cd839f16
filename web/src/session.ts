/**
 * The person's session: the portal JWT, kept in memory with a copy in this tab's sessionStorage (so a
 * reload keeps the person signed in, and another tab signs in on its own). Never localStorage, never
 * a cookie: a token that outlives the tab, or rides along on requests by itself, is one more way to
 * lose it.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'cistern.session';

export interface Session {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    return parsed.expiresAt > Date.now() ? { token: parsed.token, expiresAt: parsed.expiresAt } : null;
  } catch {
    return null;
  }
}

let current: Session | null = readStored();
const listeners = new Set<() => void>();

function publish(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return current;
}

/** Starts (or replaces, after a tenant switch or an accepted invitation) the session. */
export function setSession(token: string, expiresInSeconds: number): void {
  current = { token, expiresAt: Date.now() + expiresInSeconds * 1000 };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  publish();
}

export function clearSession(): void {
  current = null;
  sessionStorage.removeItem(STORAGE_KEY);
  publish();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}
