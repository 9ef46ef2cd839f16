/**
 * How programs and agents reach this server (README "Programs and agents"): the OpenAPI document, the
 * SDK and the MCP server, as snippets a person copies. The page's origin is the server's.
 */
import type { Scope } from './roles';

export const OPENAPI_UI_PATH = '/api/docs';
export const OPENAPI_JSON_PATH = '/api/docs-json';
export const SDK_INSTALL = 'npm install @cistern/sdk';
/** Stands in for a key on the page: Claude Code expands it from the environment (README, MCP server). */
export const KEY_PLACEHOLDER = '${CISTERN_API_KEY}';

export const mcpUrl = () => `${window.location.origin}/mcp`;

/** The `mcpServers` config most MCP clients read (Claude Code's .mcp.json, Cursor's mcp.json). */
export function mcpClientConfig(key: string): string {
  const config = {
    mcpServers: {
      cistern: { type: 'http', url: mcpUrl(), headers: { Authorization: `Bearer ${key}` } },
    },
  };
  return JSON.stringify(config, null, 2);
}

/**
 * The MCP tools a key's scopes offer, as the README's tool table lists them (each tool needs the scope
 * of the REST operation it mirrors). `admin` grants every scope, `entities` grants `entities:read`.
 */
const TOOLS: [tool: string, scope: Scope][] = [
  ['search', 'search'],
  ['list_collections', 'entities:read'],
  ['describe_collection', 'entities:read'],
  ['get_record', 'entities:read'],
  ['upsert_records', 'ingest'],
];

export function mcpToolsFor(scopes: readonly Scope[]): string[] {
  const grants = (scope: Scope) =>
    scopes.includes('admin') ||
    scopes.includes(scope) ||
    (scope === 'entities:read' && scopes.includes('entities'));
  return TOOLS.filter(([, scope]) => grants(scope)).map(([tool]) => tool);
}
