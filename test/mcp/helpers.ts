import { expect } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TestApp } from '../support/app.js';

/** One HTTP exchange the MCP client made (to count what the server's rate limiter counted). */
export interface Exchange {
  method: string;
  status: number;
  headers: Headers;
}

export interface McpSession {
  client: Client;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/**
 * An agent's connection to /mcp through the official MCP client, as any MCP host makes it: a URL
 * and, optionally, a key in a header. Every HTTP exchange is recorded.
 */
export async function connectMcp(
  t: TestApp,
  credential: { key?: string; header?: 'bearer' | 'x-api-key'; token?: string } = {},
): Promise<McpSession> {
  const headers: Record<string, string> = {};
  if (credential.key) {
    if (credential.header === 'x-api-key') headers['x-api-key'] = credential.key;
    else headers.authorization = `Bearer ${credential.key}`;
  }
  if (credential.token) headers.authorization = `Bearer ${credential.token}`;
  const exchanges: Exchange[] = [];
  const transport = new StreamableHTTPClientTransport(new URL(`${t.baseUrl}/mcp`), {
    requestInit: { headers },
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      exchanges.push({ method: init?.method ?? 'GET', status: response.status, headers: response.headers });
      return response;
    },
  });
  const client = new Client({ name: 'cistern-e2e', version: '1.0.0' });
  await client.connect(transport);
  return { client, exchanges, close: () => client.close() };
}

/** The REST error body a tool error carries (its text content). */
export function toolError(result: CallToolResult): Record<string, any> {
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const [content] = result.content;
  if (content?.type !== 'text') throw new Error('a tool error carries its body as text');
  return JSON.parse(content.text) as Record<string, any>;
}

/** The text rendering of a successful call. */
export function toolText(result: CallToolResult): string {
  expect(result.isError).toBeFalsy();
  const [content] = result.content;
  if (content?.type !== 'text') throw new Error('no text content');
  return content.text;
}

/** Waits until the client's exchanges settle (its GET for a server stream is sent without waiting). */
export async function settle(session: McpSession, count: number): Promise<void> {
  const start = Date.now();
  while (session.exchanges.length < count && Date.now() - start < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
