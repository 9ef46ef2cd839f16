import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/** What changed, for caches of other instances to forget. */
export type ChangeEvent =
  | { kind: 'key'; keyId: string }
  | { kind: 'key_fingerprint'; fingerprint: string }
  | { kind: 'tenant'; tenantId: string };

export type ChangeListener = (event: ChangeEvent) => void;

const CHANNEL = 'cistern_changes';

/**
 * Cache invalidation across instances through PostgreSQL LISTEN/NOTIFY (no Redis needed).
 * `publish` sends the notification inside the caller's transaction (delivered at commit) and, through
 * `transaction`, applies it to this instance's caches right after the commit — so the very next
 * request here already sees the change, and other instances see it within milliseconds.
 * While the listening connection is down, `connected` is false (caches shorten their trust) and on
 * reconnect every listener is told to forget everything (`onReset`), since notifications may be lost.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChangeFeed');
  private readonly listeners: ChangeListener[] = [];
  private readonly resetListeners: (() => void)[] = [];
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** True while this instance hears every change (always true on the embedded database: one process). */
  connected: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.connected = config.embedded;
  }

  subscribe(listener: ChangeListener, onReset: () => void): void {
    this.listeners.push(listener);
    this.resetListeners.push(onReset);
  }

  /** Runs `work` in a transaction; changes it publishes reach other instances at commit and this one right after. */
  async transaction<T>(
    work: (manager: EntityManager, publish: (event: ChangeEvent) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const events: ChangeEvent[] = [];
    const result = await this.dataSource.transaction((manager) =>
      work(manager, async (event) => {
        events.push(event);
        await this.notify(manager, event);
      }),
    );
    for (const event of events) this.dispatch(event);
    return result;
  }

  /** For callers managing their own transaction: notify inside it, then call `dispatch` after commit. */
  async notify(manager: EntityManager, event: ChangeEvent): Promise<void> {
    if (this.config.embedded) return; // one process: local dispatch is the whole story
    await manager.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify(event)]);
  }

  dispatch(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.embedded) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: 3000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        this.dispatch(JSON.parse(message.payload) as ChangeEvent);
      } catch {
        this.logger.warn(`ignored a malformed change notification`);
      }
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.connected = false;
      if (!this.stopped) this.logger.warn('change feed connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      const wasDown = !this.connected;
      this.connected = true;
      // Changes made while we were not listening are unknown: forget everything once.
      if (wasDown) for (const reset of this.resetListeners) reset();
    } catch (error) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
      if (!this.stopped) this.logger.warn(`change feed unavailable: ${(error as Error).message}`);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), 500);
    this.retryTimer.unref();
  }
}
