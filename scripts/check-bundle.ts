/**
 * The dashboard's JavaScript budget (bench/README.md): at most 150 KB (150,000 bytes) gzip for all
 * of dist/web/assets/*.js together. Fails (exit 1) above it. Run after `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150_000;
const dir = join('dist', 'web', 'assets');

let files: string[];
try {
  files = readdirSync(dir);
} catch {
  process.stderr.write(`${dir} is missing: run \`npm run build\` first.\n`);
  process.exit(1);
}
let js = 0;
for (const name of files.sort()) {
  const raw = readFileSync(join(dir, name));
  const gzip = gzipSync(raw, { level: 9 }).length;
  if (name.endsWith('.js')) js += gzip;
  process.stdout.write(
    `${name}: ${(raw.length / 1000).toFixed(1)} KB, ${(gzip / 1000).toFixed(1)} KB gzip\n`,
  );
}
const verdict = js <= BUDGET_BYTES ? 'within' : 'OVER';
process.stdout.write(
  `JavaScript: ${(js / 1000).toFixed(1)} KB gzip, ${verdict} the ${BUDGET_BYTES / 1000} KB budget\n`,
);
if (js > BUDGET_BYTES) process.exit(1);
