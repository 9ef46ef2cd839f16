import type { OperationDoc } from '../common/operation-doc.js';

/** The words of the usage report, shared by its API-key door and its portal mirror. */
export const USAGE_DOCS = {
  getUsage: {
    summary: 'Usage of the period against the plan, `?period=YYYY-MM` for past months.',
  },
} as const satisfies Record<string, OperationDoc>;
