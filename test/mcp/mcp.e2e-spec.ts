import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { AUTH_METADATA } from '../../src/common/auth.decorator.js';
import { McpController } from '../../src/mcp/mcp.controller.js';
import { TenantAdminService } from '../../src/tenancy/tenant-admin.service.js';
import { OPEN_SEARCH_PER_MINUTE } from '../../src/usage/rate-limit.service.js';
import { flushMetering, ingestAndWait } from '../collections/helpers.js';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, setPlan, tenantWithKey, type TestAccount } from '../support/factories.js';
import type { components } from '../generated/api.js';
import { bearer, call } from '../support/http.js';
import { connectMcp, settle, toolError, toolText, type McpSession } from './helpers.js';

const openapi = JSON.parse(readFileSync('openapi.json', 'utf8'));

/** A word no other suite uses, so searches only find this suite's records. */
function uniqueWord(): string {
  let word = 'mq';
  for (let i = 0; i < 10; i++) word += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return word;
}

const names = (tools: { name: string }[]) => tools.map((tool) => tool.name).sort();

describe('MCP server at /mcp (rules §10)', () => {
  let t: TestApp;
  let owner: TestAccount & { apiKey: { key: string; id: string } };
  const word = uniqueWord();
  const sessions: McpSession[] = [];
  const connect = async (credential?: Parameters<typeof connectMcp>[1]) => {
    const session = await connectMcp(t, credential);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    t = await startApp();
    owner = await tenantWithKey(t, ['admin']);
    await setPlan(t, owner.tenantId, 'pro');
    const schema = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      headers: bearer(owner.apiKey.key),
      params: { path: { collection: 'parts', record_type: 'part' } },
      body: {
        fields: [
          { name: 'sku', type: 'string', searchable: true, filterable: true },
          { name: 'price', type: 'number', filterable: true },
          { name: 'in_stock', type: 'boolean', filterable: true },
          { name: 'notes', type: 'string' },
        ],
      },
    });
    expect(schema.response.status).toBe(200);
    await ingestAndWait(t, owner.apiKey.key, 'parts', 'part', [
      {
        name: `${word} ball bearing`,
        description: 'Deep groove',
        external_id: 'B-1',
        sku: 'B-1',
        price: 4.2,
        in_stock: true,
        visibility: 'public',
      },
      { name: `${word} roller bearing`, external_id: 'B-2', sku: 'B-2', price: 19.5, in_stock: true },
      { name: `${word} needle bearing`, external_id: 'B-3', sku: 'B-3', price: 7, in_stock: false },
    ]);
  });
  afterAll(async () => {
    for (const session of sessions) await session.close().catch(() => undefined);
    await t.close();
  });

  describe('tools offered by the key', () => {
    it('lists the tools the key scopes allow, and only open_search without a key', async () => {
      const cases: [string[] | null, string[]][] = [
        [['admin'], ['describe_collection', 'get_record', 'list_collections', 'search', 'upsert_records']],
        [['search'], ['search']],
        [['entities:read'], ['describe_collection', 'get_record', 'list_collections']],
        [['entities'], ['describe_collection', 'get_record', 'list_collections']],
        [['ingest'], ['upsert_records']],
        [
          ['search', 'ingest'],
          ['search', 'upsert_records'],
        ],
        [['keys:read', 'usage:read'], []],
        [null, ['open_search']],
      ];
      for (const [scopes, expected] of cases) {
        const key = scopes ? (await mintKey(t, owner.tenantId, { scopes: scopes as never })).key : undefined;
        const session = await connect({ key });
        const { tools } = await session.client.listTools();
        expect({ scopes, tools: names(tools) }).toEqual({ scopes, tools: expected });
      }
    });

    it('takes the key as X-Api-Key too, and names the server', async () => {
      const session = await connect({ key: owner.apiKey.key, header: 'x-api-key' });
      expect(names((await session.client.listTools()).tools)).toContain('search');
      expect(session.client.getServerVersion()).toMatchObject({ name: 'cistern' });
      expect(session.client.getInstructions()).toContain('list_collections');
    });

    it('generates tool schemas from the same DTO components as the REST operations', async () => {
      const session = await connect({ key: owner.apiKey.key });
      const { tools } = await session.client.listTools();
      const search = tools.find((tool) => tool.name === 'search')!;
      const searchDto = openapi.components.schemas.SearchDto;
      // Every SearchDto field, plus the path parameter, nothing else; unknown arguments refused.
      expect(Object.keys(search.inputSchema.properties!).sort()).toEqual(
        ['collection', ...Object.keys(searchDto.properties)].sort(),
      );
      expect(search.inputSchema.required).toEqual(['collection', ...searchDto.required]);
      expect(search.inputSchema.additionalProperties).toBe(false);
      expect(search.inputSchema.properties!.limit).toMatchObject({ minimum: 1, maximum: 100 });
      // References inlined: the range filter's shape is inside the schema.
      expect(JSON.stringify(search.inputSchema)).not.toContain('$ref');
      expect(JSON.stringify(search.inputSchema)).toContain('"gte"');
      const answer = openapi.components.schemas.SearchResponseDto;
      expect(Object.keys(search.outputSchema!.properties!).sort()).toEqual(
        Object.keys(answer.properties).sort(),
      );
      expect(search.outputSchema!.required).toEqual(answer.required);

      const record = tools.find((tool) => tool.name === 'get_record')!;
      expect(record.inputSchema.required).toEqual(['collection', 'id']);
      // OpenAPI's `nullable` as JSON Schema.
      expect((record.outputSchema!.properties as any).description.type).toEqual(['string', 'null']);
      expect((record.outputSchema!.properties as any).visibility.enum).toEqual(['private', 'public']);

      const upsert = tools.find((tool) => tool.name === 'upsert_records')!;
      expect(Object.keys(upsert.inputSchema.properties!).sort()).toEqual([
        'collection',
        'record_type',
        'records',
      ]);
      expect(Object.keys(upsert.outputSchema!.properties!).sort()).toEqual(
        Object.keys(openapi.components.schemas.UploadDto.properties).sort(),
      );
      expect(upsert.annotations).toMatchObject({ readOnlyHint: false });
      expect(search.annotations).toMatchObject({ readOnlyHint: true });
    });
  });

  describe('tools', () => {
    let session: McpSession;
    beforeAll(async () => {
      session = await connect({ key: owner.apiKey.key });
    });

    it('searches with filters: the REST answer as structured content, and a short text', async () => {
      const args: components['schemas']['SearchDto'] = {
        query: word,
        filters: { price: { gte: 5 }, in_stock: true },
        record_type: 'part',
      };
      const result = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', ...args },
      });
      const rest = await t.api.POST('/api/v1/search/{collection}', {
        headers: bearer(owner.apiKey.key),
        params: { path: { collection: 'parts' } },
        body: args,
      });
      expect(rest.response.status).toBe(200);
      const { took_ms: _a, ...structured } = result.structuredContent as any;
      const { took_ms: _b, ...expected } = rest.data!;
      expect(structured).toEqual(expected);
      expect(structured.results.map((r: any) => r.name)).toEqual([`${word} roller bearing`]);
      const text = toolText(result as any);
      expect(text).toContain(`${word} roller bearing`);
      expect(text).toContain(structured.results[0].id);
      expect(text.length).toBeLessThan(1000);
    });

    it('pages with limit and offset', async () => {
      const first = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word, limit: 2 },
      });
      expect((first.structuredContent as any).results).toHaveLength(2);
      expect(toolText(first as any)).toContain('offset 2');
      const second = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word, limit: 2, offset: 2 },
      });
      expect((second.structuredContent as any).results).toHaveLength(1);
    });

    it('lists and describes collections, and reads a record', async () => {
      const list = await session.client.callTool({ name: 'list_collections', arguments: {} });
      expect((list.structuredContent as any).collections).toEqual([
        expect.objectContaining({ name: 'parts', record_types: ['part'], indexed: 3 }),
      ]);
      expect(toolText(list as any)).toContain('parts: 3 records');

      const described = await session.client.callTool({
        name: 'describe_collection',
        arguments: { collection: 'parts' },
      });
      const fields = (described.structuredContent as any).record_types[0].fields;
      expect(fields.find((f: any) => f.name === 'price')).toMatchObject({ type: 'number', filterable: true });
      expect(toolText(described as any)).toContain('price: number (filterable)');

      const found = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: `${word} ball` },
      });
      const id = (found.structuredContent as any).results[0].id;
      const record = await session.client.callTool({
        name: 'get_record',
        arguments: { collection: 'parts', id },
      });
      const rest = await t.api.GET('/api/v1/entities/{collection}/{id}', {
        headers: bearer(owner.apiKey.key),
        params: { path: { collection: 'parts', id } },
      });
      expect(record.structuredContent).toEqual(rest.data);
      expect(toolText(record as any)).toContain('"sku":"B-1"');
    });

    it('answers REST error codes as tool errors: not found, validation, unknown arguments', async () => {
      const missing = await session.client.callTool({
        name: 'get_record',
        arguments: { collection: 'parts', id: '00000000-0000-4000-8000-000000000000' },
      });
      expect(toolError(missing as any)).toEqual({
        status: 404,
        error: 'not_found',
        detail: 'Record not found.',
      });
      const noCollection = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'nope', query: 'x' },
      });
      expect(toolError(noCollection as any)).toMatchObject({ status: 404, error: 'not_found' });

      const notFilterable = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word, filters: { notes: 'x' } },
      });
      expect(toolError(notFilterable as any)).toMatchObject({
        status: 422,
        error: 'validation_error',
        errors: [{ field: 'filters.notes', message: expect.any(String) }],
      });
      const badLimit = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word, limit: 1000, colour: 'red' },
      });
      expect(
        toolError(badLimit as any)
          .errors.map((e: any) => e.field)
          .sort(),
      ).toEqual(['colour', 'limit']);
      const badName = await session.client.callTool({
        name: 'describe_collection',
        arguments: { collection: 'Not A Name' },
      });
      expect(toolError(badName as any)).toMatchObject({
        error: 'validation_error',
        errors: [{ field: 'collection' }],
      });
      const missingArg = await session.client.callTool({ name: 'describe_collection', arguments: {} });
      expect(toolError(missingArg as any)).toMatchObject({
        error: 'validation_error',
        errors: [{ field: 'collection' }],
      });
      const extra = await session.client.callTool({ name: 'list_collections', arguments: { page: 2 } });
      expect(toolError(extra as any)).toMatchObject({
        error: 'validation_error',
        errors: [{ field: 'page' }],
      });
    });

    it('answers an unknown tool with a protocol error', async () => {
      await expect(session.client.callTool({ name: 'drop_tables', arguments: {} })).rejects.toThrow(
        /Unknown tool/,
      );
    });
  });

  it('refuses a tool the key lacks the scope for, with insufficient_scope and the required scopes', async () => {
    const { key } = await mintKey(t, owner.tenantId, { scopes: ['entities:read'] });
    const session = await connect({ key });
    const refused = await session.client.callTool({
      name: 'search',
      arguments: { collection: 'parts', query: word },
    });
    expect(toolError(refused as any)).toEqual({
      status: 403,
      error: 'insufficient_scope',
      detail: 'This API key lacks the scope search.',
      required_scopes: ['search'],
    });
    const upsert = await session.client.callTool({
      name: 'upsert_records',
      arguments: { collection: 'parts', record_type: 'part', records: [{ name: 'x' }] },
    });
    expect(toolError(upsert as any)).toMatchObject({
      error: 'insufficient_scope',
      required_scopes: ['ingest'],
    });
    // A key with a scope is refused open_search (the door for callers without a key).
    const open = await session.client.callTool({ name: 'open_search', arguments: { query: word } });
    expect(toolError(open as any)).toMatchObject({ status: 403, error: 'forbidden' });
  });

  it('upserts records by external_id with the ingest scope, audited like REST ingest', async () => {
    const { key, id: keyId } = await mintKey(t, owner.tenantId, { scopes: ['ingest', 'search'] });
    const session = await connect({ key });
    const upsert = (records: Record<string, unknown>[]) =>
      session.client.callTool({
        name: 'upsert_records',
        arguments: { collection: 'stock', record_type: 'part', records },
      });
    expect(
      (await upsert([{ name: `${word} ball bearing`, external_id: 'B-1', price: 4 }])).isError,
    ).toBeFalsy();
    const result = await upsert([
      { name: `${word} ball bearing v2`, external_id: 'B-1', price: 5 },
      { name: `${word} thrust bearing`, external_id: 'B-4', price: 11 },
      { name: '', price: 1 },
    ]);
    const upload = result.structuredContent as any;
    expect(upload).toMatchObject({
      collection: 'stock',
      mode: 'upsert',
      status: 'completed',
      rows_total: 3,
      rows_indexed: 2,
      rows_failed: 1,
    });
    expect(upload.errors).toEqual([{ row: 3, message: expect.stringContaining('name') }]);
    expect(toolText(result as any)).toContain('2 of 3 indexed, 1 failed');
    const all = await t.api.GET('/api/v1/entities/{collection}', {
      headers: bearer(owner.apiKey.key),
      params: { path: { collection: 'stock' }, query: { limit: 100 } },
    });
    expect(all.data!.items.map((r) => [r.external_id, r.name, r.collection_data]).sort()).toEqual([
      ['B-1', `${word} ball bearing v2`, { price: 5 }],
      ['B-4', `${word} thrust bearing`, { price: 11 }],
    ]);
    // `mode` is the tool's own: an argument naming one is refused.
    const withMode = await session.client.callTool({
      name: 'upsert_records',
      arguments: { collection: 'stock', record_type: 'part', records: [{ name: 'x' }], mode: 'replace' },
    });
    expect(toolError(withMode as any)).toMatchObject({
      error: 'validation_error',
      errors: [{ field: 'mode' }],
    });
    const noRecords = await session.client.callTool({
      name: 'upsert_records',
      arguments: { collection: 'stock', record_type: 'part', records: [] },
    });
    expect(toolError(noRecords as any)).toMatchObject({
      error: 'validation_error',
      errors: [{ field: 'records' }],
    });
    const events = await t.api.GET('/api/v1/audit', {
      headers: bearer(owner.apiKey.key),
      params: { query: { action: 'upload.completed', actor_id: keyId } },
    });
    expect(events.data!.events).toHaveLength(2);
    expect(events.data!.events[0]).toMatchObject({
      action: 'upload.completed',
      actor: { type: 'api_key', id: keyId },
      target: { type: 'upload', id: upload.id },
    });
  });

  describe('limits, metering and key checks as on REST', () => {
    it('counts a request per MCP exchange against the key limit and answers 429 rate_limited past it', async () => {
      const { key } = await mintKey(t, owner.tenantId, { scopes: ['search'], rateLimitRpm: 6 });
      const session = await connect({ key });
      // initialize, notifications/initialized, and the client's GET for a server stream (405).
      await settle(session, 3);
      expect(session.exchanges.map((e) => `${e.method} ${e.status}`)).toEqual([
        'POST 200',
        'POST 202',
        'GET 405',
      ]);
      const first = session.exchanges[0].headers;
      expect(first.get('x-ratelimit-limit')).toBe('6');
      expect(first.get('x-ratelimit-remaining')).toBe('5');
      await session.client.listTools(); // 4
      await session.client.callTool({ name: 'search', arguments: { collection: 'parts', query: word } }); // 5
      await session.client.callTool({ name: 'search', arguments: { collection: 'parts', query: word } }); // 6
      const refused = session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word },
      });
      await expect(refused).rejects.toMatchObject({
        code: 429,
        message: expect.stringContaining('"rate_limited"'),
      });
      const last = session.exchanges[session.exchanges.length - 1];
      expect(last.status).toBe(429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    });

    it("refuses searches past the tenant's searches per minute with a rate_limited tool error", async () => {
      const tenant = await tenantWithKey(t, ['admin']);
      await ingestAndWait(t, tenant.apiKey.key, 'docs', 'doc', [{ name: `${word} manual` }]);
      await t.app.get(TenantAdminService).setLimits(tenant.tenantId, { searchPerMinute: 2 });
      const session = await connect({ key: tenant.apiKey.key });
      for (let i = 0; i < 2; i++) {
        const ok = await session.client.callTool({
          name: 'search',
          arguments: { collection: 'docs', query: word },
        });
        expect(ok.isError).toBeFalsy();
      }
      // The search limit now has the least left: the answer's headers describe it.
      expect(session.exchanges[session.exchanges.length - 1].headers.get('x-ratelimit-limit')).toBe('2');
      const refused = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'docs', query: word },
      });
      const body = toolError(refused as any);
      expect(body).toMatchObject({
        status: 429,
        error: 'rate_limited',
        detail: expect.stringContaining('2 searches per minute'),
      });
      expect(body.retry_after_seconds).toBeGreaterThan(0);
      // A tool other than search is not a search.
      expect(
        (await session.client.callTool({ name: 'list_collections', arguments: {} })).isError,
      ).toBeFalsy();
    });

    it('meters an MCP search as one search in usage, and a failed one not at all', async () => {
      const tenant = await tenantWithKey(t, ['admin']);
      await ingestAndWait(t, tenant.apiKey.key, 'docs', 'doc', [{ name: `${word} guide` }]);
      const used = async () =>
        (await t.api.GET('/api/v1/usage', { headers: bearer(tenant.apiKey.key) })).data!.searches.used;
      expect(await used()).toBe(0);
      const session = await connect({ key: tenant.apiKey.key });
      await session.client.callTool({ name: 'search', arguments: { collection: 'docs', query: word } });
      expect(await used()).toBe(1);
      await session.client.callTool({
        name: 'search',
        arguments: { collection: 'docs', query: word, limit: 1 },
      });
      await session.client.callTool({ name: 'list_collections', arguments: {} });
      expect(await used()).toBe(2);
      const failed = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'none', query: word },
      });
      expect(toolError(failed as any).error).toBe('not_found');
      expect(await used()).toBe(2);
      // And the quickstart's first search happened.
      const quickstart = await t.api.GET('/api/v1/portal/quickstart', { headers: bearer(tenant.token) });
      expect(quickstart.data!.steps.find((s) => s.id === 'first_search')!.completed).toBe(true);
    });

    it('refuses a revoked key on its next call', async () => {
      const { key, id } = await mintKey(t, owner.tenantId, { scopes: ['search'] });
      const session = await connect({ key });
      const ok = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word },
      });
      expect(ok.isError).toBeFalsy();
      const revoked = await t.api.DELETE('/api/v1/auth/keys/{id}', {
        headers: bearer(owner.apiKey.key),
        params: { path: { id } },
      });
      expect(revoked.response.status).toBe(204);
      await expect(
        session.client.callTool({ name: 'search', arguments: { collection: 'parts', query: word } }),
      ).rejects.toMatchObject({ code: 401, message: expect.stringContaining('"invalid_key"') });
      // A new connection with it fails at the handshake.
      await expect(connectMcp(t, { key })).rejects.toMatchObject({ code: 401 });
    });

    it('refuses keys from outside the IP allow-list, portal tokens, and malformed keys', async () => {
      const tenant = await tenantWithKey(t, ['admin']);
      const session = await connect({ key: tenant.apiKey.key });
      const settings = await t.api.PATCH('/api/v1/settings/security', {
        headers: bearer(tenant.token),
        body: { allowed_ip_ranges: ['10.0.0.0/8'] },
      });
      expect(settings.response.status).toBe(200);
      await expect(session.client.listTools()).rejects.toMatchObject({
        code: 403,
        message: expect.stringContaining('"ip_not_allowed"'),
      });
      await expect(connectMcp(t, { token: tenant.token })).rejects.toMatchObject({
        code: 401,
        message: expect.stringContaining('"invalid_key"'),
      });
      await expect(connectMcp(t, { key: 'sk_live_garbage' })).rejects.toMatchObject({
        code: 401,
        message: expect.stringContaining('"invalid_key"'),
      });
    });
  });

  describe('without a key', () => {
    it('offers open_search over public records, counted in the providers analytics like POST /open/search', async () => {
      const session = await connect();
      const analytics = async () =>
        (await t.api.GET('/api/v1/analytics', { headers: bearer(owner.apiKey.key) })).data!;
      const before = await analytics();
      const result = await session.client.callTool({
        name: 'open_search',
        arguments: { query: `${word} bearing` },
      });
      const answer = result.structuredContent as any;
      // Only the public record of the fixture.
      expect(answer.results).toEqual([
        expect.objectContaining({
          name: `${word} ball bearing`,
          collection: 'parts',
          provider: { tenant_id: owner.tenantId, name: expect.any(String) },
        }),
      ]);
      expect(toolText(result as any)).toContain(`${word} ball bearing in parts by`);
      await flushMetering(t);
      const after = await analytics();
      expect(after.total_open_searches - before.total_open_searches).toBe(1);
      const parts = (body: typeof after) =>
        body.collections.find((c) => c.collection === 'parts')?.open_searches ?? 0;
      expect(parts(after) - parts(before)).toBe(1);
    });

    it('refuses the tenant tools with unauthenticated', async () => {
      const session = await connect();
      const refused = await session.client.callTool({
        name: 'search',
        arguments: { collection: 'parts', query: word },
      });
      expect(toolError(refused as any)).toMatchObject({ status: 401, error: 'unauthenticated' });
    });

    it('limits open_search per client address', async () => {
      // A fresh app: the per-address window of this one was used by the other tests.
      const fresh = await startApp();
      try {
        const session = await connectMcp(fresh);
        for (let i = 0; i < OPEN_SEARCH_PER_MINUTE; i++) {
          const ok = await session.client.callTool({ name: 'open_search', arguments: { query: word } });
          expect(ok.isError).toBeFalsy();
        }
        const refused = await session.client.callTool({ name: 'open_search', arguments: { query: word } });
        expect(toolError(refused as any)).toMatchObject({ status: 429, error: 'rate_limited' });
        // Listing tools is not an open search.
        expect(names((await session.client.listTools()).tools)).toEqual(['open_search']);
        await session.close();
      } finally {
        await fresh.close();
      }
    });
  });

  it('declares /mcp for any valid key or none (not public: a key that is sent is verified)', () => {
    const declared = ['post', 'streamNotOffered', 'sessionsNotKept'].map((name) =>
      Reflect.getMetadata(
        AUTH_METADATA,
        (McpController.prototype as unknown as Record<string, object>)[name],
      ),
    );
    for (const requirement of declared) {
      expect(requirement).toEqual({
        public: false,
        scopes: [],
        role: undefined,
        refuseApiKeys: false,
        anonymous: true,
      });
    }
  });

  it('answers GET and DELETE with 405 (stateless: no stream, no session)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${t.baseUrl}/mcp`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(await res.json()).toMatchObject({ error: 'method_not_allowed' });
    }
    // The MCP door is not under /api/v1 (raw: a path outside the contract).
    expect((await call(t.baseUrl, 'POST', '/mcp', { body: {} })).status).toBe(404);
  });

  it('refuses JSON-RPC batches (one HTTP request is one request for the rate limiter)', async () => {
    const res = await fetch(`${t.baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${owner.apiKey.key}`,
      },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_collections', arguments: {} } },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_collections', arguments: {} } },
      ]),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32600, message: expect.stringContaining('no batches') },
      id: null,
    });
  });

  it('answers a bare JSON-RPC call without the handshake (stateless), as curl sends it', async () => {
    const res = await fetch(`${t.baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'x-api-key': owner.apiKey.key,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'search', arguments: { collection: 'parts', query: word } },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
    const body = await res.json();
    expect(body).toMatchObject({
      jsonrpc: '2.0',
      id: 7,
      result: { structuredContent: { collection: 'parts' } },
    });
  });

  it('never shows a stack trace: a malformed JSON-RPC message is a protocol error', async () => {
    const res = await fetch(`${t.baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 42 } }),
    });
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.js:\d+/);
    expect(JSON.parse(text)).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } });
  });
});
