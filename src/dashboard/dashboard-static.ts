import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Logger as PinoLogger } from 'pino';

/**
 * Serves the portal dashboard (rules §9) built by `npm run build` into `dist/web`, on the API's origin:
 * - `/`, `/app`, `/app/*` and `/invitations/accept` answer `index.html` with `no-cache` (the app's own
 *   router decides what to show, and a new build is picked up at the next load);
 * - `/assets/*` answer the hashed files with a one-year `immutable` max-age (their names change with
 *   their content);
 * - every other unknown path keeps the JSON 404 of rules §0 (these are the only routes added).
 *
 * The build is a few hundred KB: it is read once at start and kept in memory, gzipped once too, so a
 * request never touches the disk and a file cannot be asked for outside the build (names are looked
 * up in a map, never joined onto a path).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface StaticFile {
  type: string;
  body: Buffer;
  gzipped: Buffer | null;
}

function load(path: string): StaticFile {
  const ext = extname(path);
  const body = readFileSync(path);
  // Gzip only when it pays (tiny files can grow).
  const gzipped = COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 9 }) : null;
  return {
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    gzipped: gzipped && gzipped.length < body.length ? gzipped : null,
  };
}

/** The project root: the folder of Cistern's package.json, from src/ (tests) and dist/src/ alike. */
function projectRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (
      existsSync(file) &&
      (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'cistern'
    ) {
      return dir;
    }
    dir = dirname(dir);
  }
  return null;
}

export function defaultDashboardDir(): string | null {
  const root = projectRoot();
  return root ? join(root, 'dist', 'web') : null;
}

export function isDashboardBuilt(dir: string | null = defaultDashboardDir()): boolean {
  return dir !== null && existsSync(join(dir, 'index.html'));
}

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string): void {
  void reply.header('content-type', file.type).header('cache-control', cacheControl);
  void reply.header('vary', 'accept-encoding');
  const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (file.gzipped && acceptsGzip) {
    void reply.header('content-encoding', 'gzip').send(file.gzipped);
    return;
  }
  void reply.send(file.body);
}

/**
 * Registers the dashboard's routes when the build is there; answers whether it was. Without a build
 * (a server built with `tsc` alone) the paths keep the JSON 404 and the start log says why.
 */
export function registerDashboard(
  fastify: FastifyInstance,
  logger: PinoLogger,
  dir: string | null = defaultDashboardDir(),
): boolean {
  if (!dir || !isDashboardBuilt(dir)) {
    logger.warn({ dir }, 'dashboard not built (npm run build): / answers 404');
    return false;
  }
  const index = load(join(dir, 'index.html'));
  const assets = new Map<string, StaticFile>();
  const assetsDir = join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) assets.set(name, load(join(assetsDir, name)));
  }

  const answerIndex = (request: FastifyRequest, reply: FastifyReply) =>
    send(request, reply, index, 'no-cache');
  for (const path of ['/', '/app', '/app/*', '/invitations/accept']) fastify.get(path, answerIndex);

  fastify.get<{ Params: { '*': string } }>('/assets/*', (request, reply) => {
    const file = assets.get(request.params['*']);
    if (!file) {
      void reply
        .code(404)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ detail: 'No such asset.', error: 'not_found' }));
      return;
    }
    send(request, reply, file, IMMUTABLE);
  });
  return true;
}
