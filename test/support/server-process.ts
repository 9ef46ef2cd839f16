import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exit: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Runs the built server (`dist/src/main.js`, built by `npm test`) as its own process. */
export function runServer(
  env: Record<string, string | undefined>,
): ServerProcess & { port: Promise<number> } {
  let out = '';
  const port = env.PORT ? Promise.resolve(Number(env.PORT)) : freePort();
  const childPromise = port.then((p) =>
    spawn(process.execPath, ['dist/src/main.js'], {
      env: {
        ...process.env,
        PORT: String(p),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        NODE_OPTIONS: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const result = {} as ServerProcess & { port: Promise<number> };
  result.port = port;
  result.output = () => out;
  result.exit = childPromise.then(
    (child) =>
      new Promise<number | null>((resolve) => {
        result.child = child;
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => resolve(code));
      }),
  );
  return result;
}

export async function waitForHealth(baseUrl: string, timeoutMs = 30000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() - start > timeoutMs) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
}
