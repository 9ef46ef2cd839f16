import type { OperationDoc } from '../common/operation-doc.js';

/** The words of the open-search report, shared by its API-key door and its portal mirror. */
export const ANALYTICS_DOCS = {
  getAnalytics: { summary: 'Open searches per collection in a period.' },
} as const satisfies Record<string, OperationDoc>;
