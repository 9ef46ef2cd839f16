/**
 * The module graph of src/ points one way (README "Layout", issue 17). `npm run lint` runs
 * `depcruise src`, which fails on any import that points back up, sideways between folders of one
 * layer, or out of a folder that is not in the list below.
 *
 * LAYERS runs from the bottom up: a folder may import folders of lower layers only. The files at the
 * top of src/ (main.ts, app.module.ts, app.factory.ts, openapi.ts) are the composition root: they may
 * import anything, and nothing under src/ imports them. Tests (`*.spec.ts`) are not part of the graph.
 * A strict order of folders also rules out every cycle between folders; `no-circular` below rules out
 * cycles between files.
 *
 * The one exception: database/entities.ts lists every folder's `*.entity.ts` for the DataSource and
 * the migration generator (the schema is described by the entities, and migrations live in database/).
 */
const LAYERS = [
  ['config'],
  ['common'],
  ['database'],
  ['health', 'metrics', 'mail'],
  ['jobs'],
  ['audit'],
  ['tenancy'],
  ['webhook-endpoints'],
  ['usage'],
  ['api-keys'],
  ['auth'],
  ['collections'],
  ['analytics', 'accounts', 'mcp'],
  ['team'],
  ['portal', 'dashboard', 'cli'],
];

const KNOWN = LAYERS.flat();
const TESTS = '\\.spec\\.ts$';
const any = (folders) => `^src/(${folders.join('|')})/`;

const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((folder) => {
    const notBelow = LAYERS.slice(index).flat().filter((other) => other !== folder);
    return {
      name: `layer:${folder}`,
      severity: 'error',
      comment: `${folder}/ may import only folders of lower layers (README "Layout"): not ${notBelow.join(', ')}.`,
      from: { path: `^src/${folder}/`, pathNot: folder === 'database' ? `${TESTS}|^src/database/entities\\.ts$` : TESTS },
      to: { path: any(notBelow), pathNot: `^src/${folder}/` },
    };
  }),
).filter((rule) => !rule.to.path.endsWith('()/'));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'entity-list-only',
      severity: 'error',
      comment: 'database/entities.ts may import entity files of higher folders, and nothing else of theirs.',
      from: { path: '^src/database/entities\\.ts$' },
      to: { path: any(KNOWN.filter((f) => !['config', 'common', 'database'].includes(f))), pathNot: '\\.entity\\.ts$' },
    },
    {
      name: 'unplaced-folder',
      severity: 'error',
      comment: 'Every folder of src/ has a layer: add a new one to LAYERS in .dependency-cruiser.cjs (and README "Layout").',
      from: { path: '^src/[^/]+/', pathNot: `${any(KNOWN)}|${TESTS}` },
      to: {},
    },
    {
      name: 'composition-root',
      severity: 'error',
      comment: 'main.ts, app.module.ts, app.factory.ts and openapi.ts are the top: nothing under src/ imports them.',
      from: { path: '^src/[^/]+/', pathNot: TESTS },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files must not import each other in a cycle (type-only imports between entities excepted: TypeORM relations name each other).',
      from: { path: '^src/', pathNot: TESTS },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/database/migrations/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
