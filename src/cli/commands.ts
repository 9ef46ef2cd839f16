import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/id-param.pipe.js';
import { PLAN_NAMES } from '../common/vocabulary.js';

export const USAGE = `Usage: npm run cli -- <command>

Commands:
  tenants list
  tenants set-plan <tenant_id> <${PLAN_NAMES.join('|')}>
  tenants set-limits <tenant_id> [--requests-per-minute N|plan] [--search-per-minute N|plan]
  tenants suspend <tenant_id>
  tenants resume <tenant_id>
  migrate
  help

Uses the server's configuration (DATABASE_URL, or the embedded database in DATA_DIR — stop the
server first: an embedded DATA_DIR can be open in one process only).`;

export class UsageError extends Error {}

export type Command =
  | { name: 'help' }
  | { name: 'migrate' }
  | { name: 'tenants.list' }
  | { name: 'tenants.set-plan'; tenantId: string; plan: string }
  | {
      name: 'tenants.set-limits';
      tenantId: string;
      requestsPerMinute?: number | null;
      searchPerMinute?: number | null;
    }
  | { name: 'tenants.suspend' | 'tenants.resume'; tenantId: string };

function tenantId(value: string | undefined): string {
  if (!value) throw new UsageError('missing <tenant_id>');
  if (!isUuid(value)) throw new UsageError(`not a tenant id: ${value}`);
  return value.toLowerCase();
}

function limitValue(flag: string, value: string | undefined): number | null {
  if (value === 'plan') return null;
  if (!value || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000_000) {
    throw new UsageError(`${flag} needs a whole number from 1 to 1000000000, or "plan"`);
  }
  return Number(value);
}

/** Parses argv (after `--`) into a command; throws UsageError with a one-line reason. */
export function parseCommand(args: readonly string[]): Command {
  const [group, action, ...rest] = args;
  if (!group || group === 'help' || group === '--help' || group === '-h') return { name: 'help' };
  if (group === 'migrate') {
    if (action) throw new UsageError(`migrate takes no arguments`);
    return { name: 'migrate' };
  }
  if (group !== 'tenants') throw new UsageError(`unknown command: ${group}`);
  switch (action) {
    case 'list':
      if (rest.length) throw new UsageError('tenants list takes no arguments');
      return { name: 'tenants.list' };
    case 'set-plan': {
      const [id, plan, ...extra] = rest;
      const tid = tenantId(id);
      if (!plan || !(PLAN_NAMES as readonly string[]).includes(plan))
        throw new UsageError(`plan must be one of: ${PLAN_NAMES.join(', ')}`);
      if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
      return { name: 'tenants.set-plan', tenantId: tid, plan };
    }
    case 'set-limits': {
      const [id, ...flags] = rest;
      const command: Command = { name: 'tenants.set-limits', tenantId: tenantId(id) };
      for (let i = 0; i < flags.length; i += 2) {
        const flag = flags[i];
        if (flag === '--requests-per-minute') command.requestsPerMinute = limitValue(flag, flags[i + 1]);
        else if (flag === '--search-per-minute') command.searchPerMinute = limitValue(flag, flags[i + 1]);
        else throw new UsageError(`unknown option: ${flag}`);
      }
      if (command.requestsPerMinute === undefined && command.searchPerMinute === undefined) {
        throw new UsageError('give --requests-per-minute and/or --search-per-minute');
      }
      return command;
    }
    case 'suspend':
    case 'resume': {
      const [id, ...extra] = rest;
      const tid = tenantId(id);
      if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
      return { name: action === 'suspend' ? 'tenants.suspend' : 'tenants.resume', tenantId: tid };
    }
    default:
      throw new UsageError(action ? `unknown tenants command: ${action}` : 'missing tenants command');
  }
}

/** An ApiError from a service becomes a one-line CLI message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return (error as Error).message ?? String(error);
}
