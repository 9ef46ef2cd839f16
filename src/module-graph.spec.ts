import { describe, expect, it } from '@jest/globals';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The layering rule of `npm run lint` (.dependency-cruiser.cjs), run on src/ and on a fixture that breaks it. */
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: object[];
  options: Record<string, unknown>;
};

async function violations(baseDir: string, tsConfig?: string): Promise<string[]> {
  const { tsConfig: _, ...options } = config.options;
  const result = await cruise(['src'], {
    ...options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    ...(tsConfig ? { tsConfig: { fileName: tsConfig } } : {}),
  } as never);
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('the module graph (README "Layout")', () => {
  it('src/ imports only downwards', async () => {
    expect(await violations(process.cwd(), 'tsconfig.json')).toEqual([]);
  }, 60_000);

  it('reports an import back up, one sideways, a cycle, an unplaced folder and an import of the root', async () => {
    const base = mkdtempSync(join(tmpdir(), 'graph-fixture-'));
    const files: Record<string, string> = {
      // common/ must not import a feature (here the portal) ...
      'src/common/probe.ts': "import { portal } from '../portal/probe.js';\nexport const common = portal;\n",
      'src/portal/probe.ts': 'export const portal = 1;\n',
      // ... nor two folders of one layer each other (health and metrics), which is also a cycle.
      'src/health/probe.ts':
        "import { metrics } from '../metrics/probe.js';\nexport const health = () => metrics;\n",
      'src/metrics/probe.ts':
        "import { health } from '../health/probe.js';\nexport const metrics = () => health;\n",
      'src/newfolder/probe.ts': "import { common } from '../common/probe.js';\nexport const x = common;\n",
      'src/tenancy/probe.ts': "import { app } from '../app.module.js';\nexport const y = app;\n",
      'src/app.module.ts': 'export const app = 1;\n',
      // database/entities.ts may name entities of every folder, and nothing else of theirs.
      'src/database/entities.ts':
        "import { T } from '../tenancy/tenant.entity.js';\nimport { y } from '../tenancy/probe.js';\nexport const E = [T, y];\n",
      'src/tenancy/tenant.entity.ts': 'export class T {}\n',
    };
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(base, path)), { recursive: true });
        writeFileSync(join(base, path), text);
      }
      expect(await violations(base)).toEqual([
        'composition-root: src/tenancy/probe.ts → src/app.module.ts',
        'entity-list-only: src/database/entities.ts → src/tenancy/probe.ts',
        'layer:common: src/common/probe.ts → src/portal/probe.ts',
        'layer:health: src/health/probe.ts → src/metrics/probe.ts',
        'layer:metrics: src/metrics/probe.ts → src/health/probe.ts',
        'no-circular: src/health/probe.ts → src/metrics/probe.ts',
        'unplaced-folder: src/newfolder/probe.ts → src/common/probe.ts',
      ]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 60_000);
});
