import { describe, expect, it } from '@jest/globals';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { createApp } from '../../src/app.factory.js';
import { AUTH_METADATA, type AuthRequirement } from '../../src/common/auth.decorator.js';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/app-config.js';

/** Every route of the app, with its access declaration (built in preview mode: no database). */
export async function listRoutes(): Promise<{ route: string; requirement: AuthRequirement | undefined }[]> {
  const config = loadConfig(
    { DATABASE_URL: 'postgres://unused/none', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv,
    {
      JWT_SECRET: 'x'.repeat(32),
      API_KEY_SALT: 'x'.repeat(32),
    },
  );
  const app = await createApp(config, { preview: true, logger: createLogger('silent') });
  const routes: { route: string; requirement: AuthRequirement | undefined }[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          !Reflect.hasMetadata(PATH_METADATA, handler)
        )
          continue;
        const method = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'][
          Reflect.getMetadata(METHOD_METADATA, handler) as number
        ];
        const path = [base, Reflect.getMetadata(PATH_METADATA, handler) as string]
          .filter((p) => p && p !== '/')
          .join('/');
        const requirement =
          (Reflect.getMetadata(AUTH_METADATA, handler) as AuthRequirement | undefined) ??
          (Reflect.getMetadata(AUTH_METADATA, controller) as AuthRequirement | undefined);
        routes.push({ route: `${method} /${path}`, requirement });
      }
    }
  }
  await app.close();
  return routes;
}

describe('route declarations', () => {
  it('every route declares who may call it with @Auth(...) or @Public()', async () => {
    const routes = await listRoutes();
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((r) => !r.requirement).map((r) => r.route);
    expect(undeclared).toEqual([]);
  });

  it('only the SPEC public routes are public', async () => {
    const routes = await listRoutes();
    const publicRoutes = routes
      .filter((r) => r.requirement?.public)
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
});
