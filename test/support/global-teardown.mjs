import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const dir = process.env.CISTERN_TEST_PGLITE_TEMPLATE;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
