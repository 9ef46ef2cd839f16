import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { TenantAdminService } from '../tenancy/tenant-admin.service.js';
import { CliModule } from './cli.module.js';
import { describeError, parseCommand, USAGE, UsageError, type Command } from './commands.js';

const SYSTEM = { type: 'system' as const, id: null };

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function run(command: Command): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(CliModule.register(config), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const tenants = app.get(TenantAdminService);
    switch (command.name) {
      case 'migrate': {
        // Opening the database ran every pending migration (under the advisory lock).
        const dataSource = app.get<DataSource>(getDataSourceToken());
        const applied = await dataSource.query<{ name: string }[]>(
          `SELECT name FROM typeorm_migrations ORDER BY id`,
        );
        print(`migrations up to date (${applied.length} applied, last: ${applied.at(-1)?.name ?? 'none'})`);
        break;
      }
      case 'tenants.list': {
        const rows = await tenants.list();
        print(['tenant_id', 'plan', 'status', 'rpm', 'spm', 'members', 'name'].join('\t'));
        for (const t of rows) {
          print(
            [
              t.id,
              t.plan,
              t.status,
              t.custom_requests_per_minute ?? 'plan',
              t.custom_search_per_minute ?? 'plan',
              t.members,
              t.name,
            ].join('\t'),
          );
        }
        break;
      }
      case 'tenants.set-plan': {
        const previous = await tenants.setPlan(command.tenantId, command.plan, SYSTEM);
        print(
          previous === command.plan
            ? `tenant ${command.tenantId} already on plan ${command.plan}`
            : `tenant ${command.tenantId}: plan ${previous} -> ${command.plan}`,
        );
        break;
      }
      case 'tenants.set-limits': {
        await tenants.setLimits(command.tenantId, {
          requestsPerMinute: command.requestsPerMinute,
          searchPerMinute: command.searchPerMinute,
        });
        const parts = [];
        if (command.requestsPerMinute !== undefined)
          parts.push(`requests/min ${command.requestsPerMinute ?? 'plan'}`);
        if (command.searchPerMinute !== undefined)
          parts.push(`searches/min ${command.searchPerMinute ?? 'plan'}`);
        print(`tenant ${command.tenantId}: ${parts.join(', ')}`);
        break;
      }
      case 'tenants.suspend':
      case 'tenants.resume': {
        const status = command.name === 'tenants.suspend' ? 'suspended' : 'active';
        const changed = await tenants.setStatus(command.tenantId, status, SYSTEM);
        print(`tenant ${command.tenantId} ${changed ? 'is now' : 'was already'} ${status}`);
        break;
      }
      case 'help':
        break;
    }
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`cistern: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (command.name === 'help') {
    print(USAGE);
    return 0;
  }
  try {
    await run(command);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`cistern: ${error.message}\n`);
    else process.stderr.write(`cistern: ${describeError(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
