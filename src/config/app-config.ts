import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the environment is wrong; main.ts prints its message as one line and exits 1. */
export class ConfigError extends Error {}

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string' && /^-?\d+$/.test(value)
      ? Number(value)
      : value;
const toNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : value;
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  const v = value.toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting Cistern reads, validated once at start (rules §8). Field names mirror the
 * environment variables; `loadConfig` maps them.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8080;

  @IsString()
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * How long a Redis command may take before the caller falls back to its per-instance state. Short, so
   * a hung Redis costs little; on a loaded host the event loop alone can delay a reply past it, and each
   * such fallback counts a rate limit per instance for that request.
   */
  @Transform(toInt)
  @IsInt({ message: 'REDIS_COMMAND_TIMEOUT_MS must be a whole number' })
  @Min(10)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS = 200;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'API_KEY_SALT must be at least 32 characters' })
  API_KEY_SALT?: string;

  @Transform(toInt)
  @IsInt()
  @Min(10, { message: 'BCRYPT_COST must be at least 10' })
  @Max(15, { message: 'BCRYPT_COST must be at most 15' })
  BCRYPT_COST = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  JWT_TTL_MINUTES = 60;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL = 'http://localhost:8080';

  @Transform(toList)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { each: true })
  CORS_ORIGINS: string[] = [];

  /** Webhook targets may be plain http and resolve to private/loopback/link-local addresses (tests, intranets). */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE = false;

  /** Seconds between two looks for API keys due for scheduled rotation (every instance looks). */
  @Transform(toNumber)
  @IsNumber({}, { message: 'KEY_ROTATION_POLL_SECONDS must be a number of seconds' })
  @Min(0.05)
  @Max(3600)
  KEY_ROTATION_POLL_SECONDS = 30;

  /** First retry delay of a failed webhook delivery; doubles per attempt (capped at one hour). */
  @Transform(toNumber)
  @IsNumber({}, { message: 'WEBHOOK_RETRY_BASE_SECONDS must be a number of seconds' })
  @Min(0.01)
  @Max(3600)
  WEBHOOK_RETRY_BASE_SECONDS = 15;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** Memory for cached search results per instance, in MiB (0: no cache). See SearchCache. */
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_CACHE_MB must be a whole number of MiB' })
  @Min(0)
  @Max(4096)
  SEARCH_CACHE_MB = 64;

  /**
   * Search statements run at once per instance; more wait their turn (first come, first served). A
   * search is CPU-bound in PostgreSQL: beyond about two per database core they only share the CPU, so
   * every search takes longer and a broad one delays all others (bench/README.md).
   */
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(1000)
  SEARCH_CONCURRENCY = 4;

  /** Days a completed background job is kept (then the retention sweep deletes it). */
  @Transform(toInt)
  @IsInt({ message: 'JOB_RETENTION_DAYS must be a whole number of days' })
  @Min(1)
  @Max(3650)
  JOB_RETENTION_DAYS = 7;

  /** Days a job that failed for good is kept, for diagnosis. */
  @Transform(toInt)
  @IsInt({ message: 'JOB_FAILED_RETENTION_DAYS must be a whole number of days' })
  @Min(1)
  @Max(3650)
  JOB_FAILED_RETENTION_DAYS = 30;

  /** Days a finished upload (its status, counts and first errors) stays listed under /uploads. */
  @Transform(toInt)
  @IsInt({ message: 'UPLOAD_RETENTION_DAYS must be a whole number of days' })
  @Min(1)
  @Max(3650)
  UPLOAD_RETENTION_DAYS = 90;

  /** Minutes between two retention sweeps (every instance sweeps; the deletes are idempotent). */
  @Transform(toNumber)
  @IsNumber({}, { message: 'RETENTION_SWEEP_MINUTES must be a number of minutes' })
  @Min(0.01)
  @Max(1440)
  RETENTION_SWEEP_MINUTES = 60;

  /** Set: GET /metrics answers Prometheus text to `Authorization: Bearer <METRICS_TOKEN>`. Unset: no /metrics. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * Search `total` is exact up to this many matches and a lower bound beyond (`total_relation: "gte"`):
   * counting reads every match it counts, so an exact total of a broad query costs what reading all
   * its matches costs. `exact_total: true` in a search asks for the exact count anyway.
   */
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_EXACT_TOTAL_LIMIT must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  SEARCH_EXACT_TOTAL_LIMIT = 1000;

  /**
   * Memory per instance for in-process search indexes of collections, in MiB (0: none; every search
   * runs in PostgreSQL). See src/collections/search-index/README.md.
   */
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_INDEX_MB must be a whole number of MiB' })
  @Min(0)
  @Max(65536)
  SEARCH_INDEX_MB = 512;

  /** A collection is indexed in process once it holds this many searchable records (smaller ones search fast enough in PostgreSQL). */
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_INDEX_MIN_RECORDS must be a whole number' })
  @Min(0)
  @Max(100_000_000)
  SEARCH_INDEX_MIN_RECORDS = 2000;

  /**
   * A collection is (re)indexed once its records have not changed for this long (milliseconds): a
   * collection written all the time is searched in PostgreSQL rather than rebuilt after every write.
   */
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_INDEX_QUIET_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(3_600_000)
  SEARCH_INDEX_QUIET_MS = 1000;

  /**
   * A search that finds no current index builds it first and waits (tests and benchmarks of the index
   * path). Off: the search runs in PostgreSQL and the index is built in the background.
   */
  @Transform(toBool)
  @IsBoolean()
  SEARCH_INDEX_WAIT = false;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Secrets after `resolveSecrets`: always set. */
  get jwtSecret(): string {
    return this.JWT_SECRET!;
  }
  get apiKeySalt(): string {
    return this.API_KEY_SALT!;
  }
  get embedded(): boolean {
    return !this.DATABASE_URL;
  }
  get dataDir(): string {
    return resolve(this.DATA_DIR);
  }
}

const KEYS = Object.keys(new AppConfig()).concat([
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'API_KEY_SALT',
  'SMTP_URL',
  'METRICS_TOKEN',
]);

/** Reads and validates the environment; throws ConfigError with one clear line. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<string, unknown>> = {},
): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) if (env[key] !== undefined) raw[key] = env[key];
  Object.assign(raw, overrides);
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    // Decorators register bottom-up: the last constraint is the first declared (the type check).
    const message = Object.values(first.constraints ?? {}).at(-1) ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${first.property}: ${message}`);
  }
  resolveSecrets(config);
  return config;
}

/**
 * Production needs JWT_SECRET and API_KEY_SALT from the environment. Elsewhere they are generated
 * once and kept in DATA_DIR/secrets.json, so sessions and keys survive restarts.
 */
function resolveSecrets(config: AppConfig): void {
  if (config.JWT_SECRET && config.API_KEY_SALT) return;
  if (config.NODE_ENV === 'production') {
    const missing = !config.JWT_SECRET ? 'JWT_SECRET' : 'API_KEY_SALT';
    throw new ConfigError(`Invalid configuration: ${missing} is required when NODE_ENV=production`);
  }
  const file = join(config.dataDir, 'secrets.json');
  let stored: { JWT_SECRET?: string; API_KEY_SALT?: string } = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
    } catch {
      throw new ConfigError(`Invalid configuration: ${file} is not valid JSON`);
    }
  }
  let changed = false;
  for (const key of ['JWT_SECRET', 'API_KEY_SALT'] as const) {
    if (!stored[key]) {
      stored[key] = randomBytes(48).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  config.JWT_SECRET ??= stored.JWT_SECRET;
  config.API_KEY_SALT ??= stored.API_KEY_SALT;
}
