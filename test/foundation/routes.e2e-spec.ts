import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import { discoverRoutes, documentedOperations, type DiscoveredRoute } from '../support/routes.js';

/** The MCP door lives outside /api/v1 and outside the OpenAPI document (its tools are generated from it). */
const UNDOCUMENTED = ['GET /mcp', 'POST /mcp', 'DELETE /mcp'];

describe('route declarations', () => {
  let app: NestFastifyApplication;
  let routes: DiscoveredRoute[];
  beforeAll(async () => {
    // Preview mode: the whole module graph, no database.
    const config = loadConfig(
      { DATABASE_URL: 'postgres://unused/none', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv,
      { JWT_SECRET: 'x'.repeat(32), API_KEY_SALT: 'x'.repeat(32) },
    );
    app = await createApp(config, { preview: true, logger: createLogger('silent') });
    routes = discoverRoutes(app);
  });
  afterAll(() => app.close());

  it('every route declares who may call it with @Auth(...) or @Public()', () => {
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((r) => !r.declared).map((r) => r.route);
    expect(undeclared).toEqual([]);
  });

  it('only the SPEC public routes are public', () => {
    const publicRoutes = routes
      .filter((r) => r.declared?.public)
      .map((r) => r.route)
      .sort();
    const allowed = [
      'GET /health',
      'POST /portal/auth/signup',
      'POST /portal/auth/login',
      'POST /open/search',
    ];
    expect(publicRoutes.filter((r) => !allowed.includes(r))).toEqual([]);
  });

  it('documents in openapi.json exactly the routes it serves', () => {
    const served = routes.map((r) => r.route).filter((r) => !UNDOCUMENTED.includes(r));
    const documented = documentedOperations().map((op) => op.route);
    expect({
      servedNotDocumented: served.filter((r) => !documented.includes(r)),
      documentedNotServed: documented.filter((r) => !served.includes(r)),
    }).toEqual({ servedNotDocumented: [], documentedNotServed: [] });
  });
});
