import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { createLogger } from './common/logger.js';
import { isDashboardBuilt } from './dashboard/dashboard-static.js';
import { DataDirLockedError } from './database/embedded.js';

const SHUTDOWN_DEADLINE_MS = 9_000;

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cistern: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let app;
  try {
    app = await createApp(config, { logger });
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    const message =
      error instanceof DataDirLockedError ? error.message : `failed to start: ${(error as Error).message}`;
    logger.fatal(message);
    process.stderr.write(`cistern: ${message}\n`);
    process.exit(1);
  }
  // A wildcard address is not something to type into a browser: name this machine instead.
  const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? 'localhost' : config.HOST;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
  const dashboard = isDashboardBuilt() ? `${origin}/` : null;
  logger.info(
    {
      port: config.PORT,
      host: config.HOST,
      database: config.embedded ? `embedded (${config.dataDir})` : 'postgresql',
      dashboard: dashboard ?? 'not built (npm run build)',
      api_docs: `${origin}/api/docs`,
    },
    dashboard ? `cistern listening: dashboard at ${dashboard}` : 'cistern listening',
  );

  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, flush buffers (shutdown hooks), exit 0.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void bootstrap();
