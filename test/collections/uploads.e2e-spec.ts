import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { UploadsRepository } from '../../src/collections/uploads.repository.js';
import { request as httpRequest } from 'node:http';
import type { TestApp } from '../support/app.js';
import { member, mintKey, tenantWithKey } from '../support/factories.js';
import { call } from '../support/http.js';
import {
  bearer,
  ingestAndWait,
  schemaBody,
  startWithTenant,
  uploadAndWait,
  uploadFile,
  waitForUpload,
} from './helpers.js';

describe('uploads: formats, row errors, broken files (rules §5)', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;
  beforeAll(async () => {
    ({ t, key, tenantId } = await startWithTenant());
    const schema = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      params: { path: { collection: 'catalog', record_type: 'part' } },
      body: schemaBody,
      headers: bearer(key),
    });
    expect(schema.response.status).toBe(200);
  });
  afterAll(() => t.close());

  const records = async (collection: string) => {
    const res = await t.api.GET('/api/v1/entities/{collection}', {
      params: { path: { collection }, query: { limit: 100 } },
      headers: bearer(key),
    });
    return res.data!;
  };
  const uploadById = (id: string, credential = key) =>
    t.api.GET('/api/v1/uploads/{id}', { params: { path: { id } }, headers: bearer(credential) });
  const uploadList = (credential: string, query: { collection?: string; limit?: number } = {}) =>
    t.api.GET('/api/v1/uploads', { params: { query }, headers: bearer(credential) });
  const collectionNames = async (credential: string) =>
    (await t.api.GET('/api/v1/collections', { headers: bearer(credential) })).data!.collections.map(
      (c) => c.name,
    );
  /**
   * Raw: a multipart body outside the contract (no file part, a part it does not name, a mode it does not
   * know or twice), sent as the bytes a browser's FormData makes.
   */
  const uploadRaw = async (collection: string, parts: [name: string, value: string | Blob][]) => {
    const form = new FormData();
    for (const [name, value] of parts) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, value, 'a.csv');
    }
    const encoded = new Response(form);
    return call(t.baseUrl, 'POST', `/upload/${collection}/part/upload`, {
      apiKey: key,
      headers: { 'content-type': encoded.headers.get('content-type')! },
      rawBody: Buffer.from(await encoded.arrayBuffer()),
    });
  };
  const csvFile = () => new Blob(['name\nx\n'], { type: 'application/octet-stream' });

  it('imports RFC 4180 CSV: BOM, CRLF, quoted fields with commas, quotes and line breaks, coerced types', async () => {
    const csv =
      '\uFEFFname,Description,external_id,visibility,sku,price,stock,in_stock,released,tags,extra\r\n' +
      '"Bearing, ball 6204","Line one\r\nline ""two""",B-1,public,B-1,4.20,12,yes,2024-05-01,"steel|sealed",x\r\n' +
      'Plain valve,,V-1,,V-1,10,0,false,,,\r\n';
    const res = await uploadFile(t, key, 'csvcol', 'part', {
      filename: 'parts.csv',
      content: csv,
      type: 'text/csv',
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ upload_id: expect.any(String), status: 'pending', rows_received: 2 });
    const done = await waitForUpload(t, key, res.body.upload_id);
    expect(done).toEqual({
      id: res.body.upload_id,
      collection: 'csvcol',
      record_type: 'part',
      mode: 'append',
      status: 'completed',
      rows_total: 2,
      rows_indexed: 2,
      rows_failed: 0,
      errors: [],
      created_at: expect.any(String),
      finished_at: expect.any(String),
    });
    const { items } = await records('csvcol');
    expect(items.map((r) => [r.name, r.description, r.external_id, r.visibility, r.collection_data])).toEqual(
      [
        [
          'Bearing, ball 6204',
          'Line one\r\nline "two"',
          'B-1',
          'public',
          {
            sku: 'B-1',
            price: '4.20',
            stock: '12',
            in_stock: 'yes',
            released: '2024-05-01',
            tags: 'steel|sealed',
            extra: 'x',
          },
        ],
        ['Plain valve', null, 'V-1', 'private', { sku: 'V-1', price: '10', stock: '0', in_stock: 'false' }],
      ],
    );
  });

  it('coerces CSV values to the schema types', async () => {
    const csv =
      'name,sku,price,stock,in_stock,released,tags\n' +
      'Typed,T-1,4.20,12,yes,2024-05-01T10:00:00+02:00,"steel|sealed"\n';
    const done = await uploadAndWait(t, key, 'catalog', 'part', { filename: 'typed.csv', content: csv });
    expect(done).toMatchObject({ status: 'completed', rows_indexed: 1, rows_failed: 0 });
    const { items } = await records('catalog');
    expect(items.find((r) => r.name === 'Typed')!.collection_data).toEqual({
      sku: 'T-1',
      price: 4.2,
      stock: 12,
      in_stock: true,
      released: '2024-05-01T08:00:00.000Z',
      tags: ['steel', 'sealed'],
    });
  });

  it('imports a JSON array and NDJSON / JSON Lines, extra top-level keys going into collection_data', async () => {
    const json = JSON.stringify([
      { name: 'J1', external_id: 'j1', collection_data: { a: 1 }, color: 'red' },
      { name: 'J2', description: 'second', visibility: 'public' },
    ]);
    const a = await uploadAndWait(t, key, 'jsoncol', 'doc', { filename: 'data.json', content: json });
    expect(a).toMatchObject({ status: 'completed', rows_total: 2, rows_indexed: 2 });
    const nd = '{"name":"N1","size":3}\n\n{"name":"N2"}\r\n';
    const b = await uploadAndWait(t, key, 'jsoncol', 'doc', { filename: 'data.ndjson', content: nd });
    expect(b).toMatchObject({ status: 'completed', rows_total: 2, rows_indexed: 2 });
    const c = await uploadAndWait(t, key, 'jsoncol', 'doc', {
      filename: 'data.jsonl',
      content: '{"name":"L1"}',
    });
    expect(c).toMatchObject({ status: 'completed', rows_indexed: 1 });
    const { items, total } = await records('jsoncol');
    expect(total).toBe(5);
    expect(items[0]).toMatchObject({
      name: 'J1',
      external_id: 'j1',
      collection_data: { a: 1, color: 'red' },
    });
    expect(items[1]).toMatchObject({
      name: 'J2',
      description: 'second',
      visibility: 'public',
      collection_data: {},
    });
    expect(items[2]).toMatchObject({ name: 'N1', collection_data: { size: 3 } });
  });

  it('skips rows without a name and keeps schema-breaking rows as failed records, all reported', async () => {
    const csv =
      'name,sku,price,stock\n' +
      'Good,G-1,1.5,3\n' +
      ',NONAME,1,1\n' +
      'Bad price,B-2,cheap,1\n' +
      'No sku,,2,2\n' +
      '   ,X,1,1\n' +
      'Too many,a,1,1,extra\n';
    const done = await uploadAndWait(t, key, 'catalog', 'part', { filename: 'mixed.csv', content: csv });
    expect(done).toMatchObject({ status: 'completed', rows_total: 6, rows_indexed: 1, rows_failed: 5 });
    expect(done.errors).toEqual([
      { row: 2, message: 'name is required' },
      { row: 3, message: 'collection_data.price: must be a number' },
      { row: 4, message: 'collection_data.sku: is required' },
      { row: 5, message: 'name is required' },
      { row: 6, message: 'row has 5 fields but the header has 4 columns' },
    ]);
    const list = await records('catalog');
    const failed = list.items.filter((r) => r.indexing_status === 'failed');
    expect(failed.map((r) => [r.name, r.indexing_error])).toEqual([
      ['Bad price', 'collection_data.price: must be a number'],
      ['No sku', 'collection_data.sku: is required'],
    ]);
    // Failed records are never found by search.
    const search = await t.api.POST('/api/v1/search/{collection}', {
      params: { path: { collection: 'catalog' } },
      body: { query: 'Bad price', fuzzy: false },
      headers: bearer(key),
    });
    expect(search.data!.total).toBe(0);
  });

  it('keeps only the first 100 row errors', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `,${i}`).join('\n');
    const done = await uploadAndWait(t, key, 'jsoncol', 'doc', {
      filename: 'nonames.csv',
      content: `name,n\n${rows}\n`,
    });
    expect(done).toMatchObject({ status: 'completed', rows_total: 150, rows_indexed: 0, rows_failed: 150 });
    expect(done.errors).toHaveLength(100);
    expect(done.errors[99]).toEqual({ row: 100, message: 'name is required' });
  });

  it.each([
    ['csv', 'broken.csv', 'name,sku\n"ok",A\n"unclosed,B\n', /line 3: a quoted field is never closed/],
    ['json', 'broken.json', '[{"name":"a"},{"name": }]', /element 2/],
    ['ndjson', 'broken.ndjson', '{"name":"a"}\n{"name":\n', /line 2/],
    ['json (not an array)', 'object.json', '{"name":"a"}', /JSON array/],
    ['csv (not UTF-8)', 'latin1.csv', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x0a]), /UTF-8/],
  ])(
    'fails an unparseable file (%s) at once and changes nothing',
    async (_kind, filename, content, reason) => {
      const before = await records('catalog');
      const res = await uploadFile(t, key, 'catalog', 'part', { filename, content });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ upload_id: expect.any(String), status: 'failed', rows_received: 0 });
      const upload = await uploadById(res.body.upload_id);
      expect(upload.data).toMatchObject({
        status: 'failed',
        rows_total: 0,
        rows_indexed: 0,
        finished_at: expect.any(String),
      });
      expect(upload.data!.errors).toEqual([
        { row: expect.any(Number), message: expect.stringMatching(reason) },
      ]);
      const after = await records('catalog');
      expect(after.total).toBe(before.total);
      const audit = await t.dataSource.query(
        `SELECT metadata FROM audit_events WHERE action = 'upload.failed' AND target_id = $1`,
        [res.body.upload_id],
      );
      expect(audit).toHaveLength(1);
    },
  );

  it('leaves no collection behind for unparseable files: a free tenant keeps its 3 collections, the failed uploads stay readable', async () => {
    const free = await tenantWithKey(t, ['admin']); // the free plan: 3 collections
    const broken = [
      ['broken.csv', 'name\n"unclosed\n'],
      ['broken.json', '[{"name": }]'],
      ['broken.ndjson', '{"name":\n'],
      ['again.csv', 'name\n"unclosed\n'],
    ];
    const ids: string[] = [];
    for (const [i, [filename, content]] of broken.entries()) {
      const res = await uploadFile(t, free.apiKey.key, `broken-${i}`, 'part', { filename, content });
      expect(res.status).toBe(202);
      expect(res.body.status).toBe('failed');
      ids.push(res.body.upload_id);
    }
    const listed = await t.api.GET('/api/v1/collections', { headers: bearer(free.apiKey.key) });
    expect(listed.data!.collections).toEqual([]);
    for (const [i, id] of ids.entries()) {
      const upload = await uploadById(id, free.apiKey.key);
      expect(upload.response.status).toBe(200);
      expect(upload.data).toMatchObject({
        id,
        collection: `broken-${i}`,
        record_type: 'part',
        status: 'failed',
        errors: [{ row: expect.any(Number), message: expect.stringContaining('cannot be parsed') }],
      });
    }
    const all = await uploadList(free.apiKey.key, { limit: 100 });
    expect(all.data!.uploads.map((u) => u.id).sort()).toEqual([...ids].sort());
    // The plan's three collections are all still there to be made.
    for (const name of ['one', 'two', 'three']) {
      const created = await t.api.POST('/api/v1/entities/{collection}/{record_type}', {
        params: { path: { collection: name, record_type: 'part' } },
        body: { name: 'x' },
        headers: bearer(free.apiKey.key),
      });
      expect(created.response.status).toBe(201);
    }
    // A broken file into an existing collection leaves it as it was (and the upload listed under it).
    const into = await uploadFile(t, free.apiKey.key, 'one', 'part', {
      filename: 'b.csv',
      content: 'name\n"x\n',
    });
    expect(into.body.status).toBe('failed');
    const underOne = await uploadList(free.apiKey.key, { collection: 'one' });
    expect(underOne.data!.uploads.map((u) => u.id)).toEqual([into.body.upload_id]);
    expect(await collectionNames(free.apiKey.key)).toEqual(['one', 'three', 'two']);
  });

  it('answers 404 when the collection is deleted between finding it and storing the upload', async () => {
    const repo = t.app.get(UploadsRepository);
    const original = repo.create.bind(repo);
    const made = await t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      params: { path: { collection: 'doomed', record_type: 'part' } },
      body: { name: 'x' },
      headers: bearer(key),
    });
    expect(made.response.status).toBe(201);
    const spy = jest.spyOn(repo, 'create').mockImplementationOnce(async (...args) => {
      const deleted = await t.api.DELETE('/api/v1/collections/{name}', {
        params: { path: { name: 'doomed' } },
        headers: bearer(key),
      });
      expect(deleted.response.status).toBe(204);
      return original(...args);
    });
    try {
      const res = await uploadFile(t, key, 'doomed', 'part', { filename: 'a.csv', content: 'name\na\n' });
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    } finally {
      spy.mockRestore();
    }
    const uploads = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM uploads u JOIN collections c ON c.id = u.collection_id
        WHERE c.tenant_id = $1 AND c.name = 'doomed'`,
      [tenantId],
    )) as { n: number }[];
    expect(uploads[0].n).toBe(0);
  });

  it('leaves no collection behind when an upload to a new collection is refused', async () => {
    const unsupported = await uploadFile(t, key, 'ghost-a', 'part', { filename: 'a.exe', content: 'MZ' });
    expect(unsupported.status).toBe(415);
    const wrongPart = await uploadRaw('ghost-b', [['upload', csvFile()]]);
    expect(wrongPart.status).toBe(422);
    // An existing collection stays, even empty.
    const ghost = await t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      params: { path: { collection: 'ghost-c', record_type: 'part' } },
      body: { fields: [] },
      headers: bearer(key),
    });
    expect(ghost.response.status).toBe(200);
    expect((await uploadFile(t, key, 'ghost-c', 'part', { filename: 'a.exe', content: 'MZ' })).status).toBe(
      415,
    );
    const names = await collectionNames(key);
    expect(names).toContain('ghost-c');
    expect(names).not.toContain('ghost-a');
    expect(names).not.toContain('ghost-b');
  });

  it('refuses unsupported file types with 415 and stores nothing', async () => {
    const before = await uploadList(key, { collection: 'catalog', limit: 100 });
    for (const [filename, type] of [
      ['sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['notes.txt', 'text/plain'],
      ['blob', 'application/pdf'],
    ]) {
      const res = await uploadFile(t, key, 'catalog', 'part', { filename, content: 'name\nx\n', type });
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ detail: expect.stringContaining('.csv'), error: 'unsupported_media_type' });
    }
    const after = await uploadList(key, { collection: 'catalog', limit: 100 });
    expect(after.data!.total).toBe(before.data!.total);
  });

  it('answers 400 bad_request for malformed multipart and 415 for a body that is not multipart', async () => {
    const truncated = await call(t.baseUrl, 'POST', '/upload/catalog/part/upload', {
      apiKey: key,
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      rawBody: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\nA\n',
    });
    expect(truncated.status).toBe(400);
    expect(truncated.body).toEqual({ detail: expect.stringContaining('multipart'), error: 'bad_request' });
    const noBoundary = await call(t.baseUrl, 'POST', '/upload/catalog/part/upload', {
      apiKey: key,
      headers: { 'content-type': 'multipart/form-data' },
      rawBody: 'garbage',
    });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.error).toBe('bad_request');
    const json = await call(t.baseUrl, 'POST', '/upload/catalog/part/upload', {
      apiKey: key,
      body: { file: 'x' },
    });
    expect(json.status).toBe(415);
    expect(json.body.error).toBe('unsupported_media_type');
    const csv = await call(t.baseUrl, 'POST', '/upload/catalog/part/upload', {
      apiKey: key,
      headers: { 'content-type': 'text/csv' },
      rawBody: 'name\nx\n',
    });
    expect(csv.status).toBe(415);
    // A JSON route still refuses multipart.
    const form = new FormData();
    form.append('name', 'x');
    const onJson = await fetch(`${t.baseUrl}/api/v1/entities/catalog/part`, {
      method: 'POST',
      headers: bearer(key),
      body: form,
    });
    expect(onJson.status).toBe(415);
    // The server is fine afterwards.
    expect((await uploadList(key)).response.status).toBe(200);
  });

  it('answers 422 for a missing file, an unknown field or a bad mode', async () => {
    const res = await uploadRaw('catalog', [['mode', 'append']]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'validation_error', errors: [{ field: 'file' }] });
    const wrongField = await uploadRaw('catalog', [['upload', csvFile()]]);
    expect(wrongField.status).toBe(422);
    expect(wrongField.body.errors).toEqual([{ field: 'upload', message: expect.any(String) }]);
    const extra = await uploadRaw('catalog', [
      ['color', 'red'],
      ['file', csvFile()],
    ]);
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual([{ field: 'color', message: expect.any(String) }]);
    const badMode = await uploadRaw('catalog', [
      ['mode', 'merge'],
      ['file', csvFile()],
    ]);
    expect(badMode.status).toBe(422);
    expect(badMode.body.errors).toEqual([
      { field: 'mode', message: expect.stringContaining('append, upsert, replace') },
    ]);
    const twice = await uploadRaw('catalog', [
      ['mode', 'upsert'],
      ['mode', 'append'],
      ['file', new Blob(['name\nx\n'])],
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({
      errors: [{ field: 'mode', message: expect.stringContaining('once') }],
    });
    // A name outside the naming rule.
    const badName = await uploadRaw('Catalog', [['file', csvFile()]]);
    expect(badName.status).toBe(422);
    expect(badName.body.errors).toEqual([{ field: 'collection', message: expect.any(String) }]);
  });

  it('refuses a filename PostgreSQL cannot store (U+0000) with 422 on both doors, storing nothing', async () => {
    const portalToken = (await member(t, tenantId, 'developer')).token;
    const multipart = (disposition: string) =>
      Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; '),
        Buffer.from(disposition, 'latin1'),
        Buffer.from('\r\nContent-Type: text/csv\r\n\r\nname\nx\n\r\n--b--\r\n'),
      ]);
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM uploads WHERE tenant_id = $1`, [
      tenantId,
    ]);
    for (const disposition of [
      'filename="a\u0000b.csv"', // a raw NUL byte in the header
      "filename*=UTF-8''a%00b.csv", // RFC 5987 encoded
    ]) {
      for (const door of [
        { path: '/upload/catalog/part/upload', auth: { apiKey: key } },
        { path: '/portal/upload/nul-new/part/upload', auth: { token: portalToken } },
      ]) {
        const res = await call(t.baseUrl, 'POST', door.path, {
          ...door.auth,
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
          rawBody: multipart(disposition),
        });
        expect(res.status).toBe(422);
        expect(res.body).toEqual({
          detail: expect.stringContaining('file'),
          error: 'validation_error',
          errors: [{ field: 'file', message: expect.stringContaining('filename must not contain U+0000') }],
        });
      }
    }
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM uploads WHERE tenant_id = $1`, [
      tenantId,
    ]);
    expect(after[0].n).toBe(before[0].n);
    expect(await collectionNames(key)).not.toContain('nul-new');
  });

  it('answers 413 over 50 MiB without buffering the file (streamed, chunked body)', async () => {
    const boundary = 'cisternBoundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nname,n\n`,
    );
    const piece = Buffer.alloc(1024 * 1024, 'abcdefgh,1234567\n');
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    let sent = 0;
    const total = 51;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent < total) {
          controller.enqueue(piece);
          sent++;
        } else {
          controller.enqueue(tail);
          controller.close();
        }
      },
    });
    const res = await fetch(`${t.baseUrl}/api/v1/upload/catalog/part/upload`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      detail: 'The file is larger than 50 MiB.',
      error: 'payload_too_large',
    });
    // Nothing kept: no upload is listed and no bytes are left behind.
    const chunks = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM upload_chunks c JOIN uploads u ON u.id = c.upload_id WHERE u.tenant_id = $1 AND u.status = 'receiving'`,
      [tenantId],
    );
    expect(chunks[0].n).toBe(0);
  });

  it('answers 413 at once for a declared length over 50 MiB', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${t.baseUrl}/api/v1/upload/catalog/part/upload`, {
        method: 'POST',
        headers: {
          ...bearer(key),
          'content-type': 'multipart/form-data; boundary=b',
          'content-length': String(60 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy(); // the other 60 MiB are never sent
        });
      });
      req.on('error', reject);
      req.write('--b\r\n');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large' });
  });

  describe('JSON batch ingest', () => {
    it('queues 1–1000 records and processes them like an upload', async () => {
      const res = await t.api.POST('/api/v1/ingest/{collection}/{record_type}', {
        params: { path: { collection: 'ingested', record_type: 'doc' } },
        body: {
          records: [{ name: 'I1', external_id: 'i1' }, { name: 'I2', tag: 'x' }, { description: 'no name' }],
        },
        headers: bearer(key),
      });
      expect(res.response.status).toBe(202);
      expect(res.data).toEqual({ upload_id: expect.any(String), status: 'pending', accepted: 3 });
      const done = await waitForUpload(t, key, res.data!.upload_id);
      expect(done).toMatchObject({
        collection: 'ingested',
        mode: 'append',
        status: 'completed',
        rows_total: 3,
        rows_indexed: 2,
        rows_failed: 1,
        errors: [{ row: 3, message: 'name is required' }],
      });
      const { items } = await records('ingested');
      expect(items.map((r) => [r.name, r.collection_data])).toEqual([
        ['I1', {}],
        ['I2', { tag: 'x' }],
      ]);
    });

    it('validates the batch: 1–1000 objects, a known mode, no unknown fields', async () => {
      const post = (body: unknown) => call(t.baseUrl, 'POST', '/ingest/ingested/doc', { apiKey: key, body });
      expect((await post({ records: [] })).body.errors[0].field).toBe('records');
      const many = await post({ records: Array.from({ length: 1001 }, (_, i) => ({ name: `n${i}` })) });
      expect(many.status).toBe(422);
      expect(many.body.errors[0].field).toBe('records');
      const notObjects = await post({ records: [1, 'x'] });
      expect(notObjects.status).toBe(422);
      const mode = await post({ records: [{ name: 'a' }], mode: 'merge' });
      expect(mode.body.errors).toEqual([{ field: 'mode', message: expect.stringContaining('append') }]);
      const extra = await post({ records: [{ name: 'a' }], dry_run: true });
      expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'dry_run' })]);
      const missing = await post({});
      expect(missing.status).toBe(422);
    });
  });

  describe('upload status and listing', () => {
    it('lists uploads of a collection, newest first, and hides other tenants’ uploads', async () => {
      const a = await ingestAndWait(t, key, 'listed', 'doc', [{ name: 'a' }]);
      const b = await ingestAndWait(t, key, 'listed', 'doc', [{ name: 'b' }]);
      const res = await uploadList(key, { collection: 'listed' });
      expect(res.response.status).toBe(200);
      expect(res.data!.total).toBe(2);
      expect(res.data!.uploads.map((u) => u.id)).toEqual([b.id, a.id]);
      expect((await uploadList(key, { collection: 'missing' })).response.status).toBe(404);
      const other = await tenantWithKey(t, ['admin']);
      const foreign = await uploadById(a.id, other.apiKey.key);
      expect(foreign.response.status).toBe(404);
      expect((await uploadList(other.apiKey.key, { collection: 'listed' })).response.status).toBe(404);
      // Raw: a deliberately malformed (non-UUID) id.
      expect((await call(t.baseUrl, 'GET', '/uploads/not-a-uuid', { apiKey: key })).status).toBe(404);
    });

    it('needs the upload scope (ingest grants it) and ingest for JSON batches', async () => {
      const searchKey = await mintKey(t, tenantId, { scopes: ['search'] });
      const up = await uploadFile(t, searchKey.key, 'catalog', 'part', {
        filename: 'a.csv',
        content: 'name\nx\n',
      });
      expect(up.status).toBe(403);
      expect(up.body).toMatchObject({ error: 'insufficient_scope', required_scopes: ['upload'] });
      const list = await uploadList(searchKey.key);
      expect(list.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['upload'] });
      const uploadKey = await mintKey(t, tenantId, { scopes: ['upload'] });
      const ingest = await t.api.POST('/api/v1/ingest/{collection}/{record_type}', {
        params: { path: { collection: 'catalog', record_type: 'part' } },
        body: { records: [{ name: 'x' }] },
        headers: bearer(uploadKey.key),
      });
      expect(ingest.error).toMatchObject({ error: 'insufficient_scope', required_scopes: ['ingest'] });
      const ingestKey = await mintKey(t, tenantId, { scopes: ['ingest'] });
      const ok = await uploadFile(t, ingestKey.key, 'scoped', 'doc', {
        filename: 'a.csv',
        content: 'name\nx\n',
      });
      expect(ok.status).toBe(202);
      expect((await uploadById(ok.body.upload_id, ingestKey.key)).response.status).toBe(200);
    });

    it('audits completed uploads with their counts', async () => {
      const done = await ingestAndWait(t, key, 'listed', 'doc', [{ name: 'audited' }, {}]);
      const rows = await t.dataSource.query(
        `SELECT actor_type, metadata FROM audit_events WHERE action = 'upload.completed' AND target_id = $1`,
        [done.id],
      );
      expect(rows).toEqual([
        {
          actor_type: 'api_key',
          metadata: {
            collection: 'listed',
            record_type: 'doc',
            mode: 'append',
            rows_total: 2,
            rows_indexed: 1,
            rows_failed: 1,
          },
        },
      ]);
    });
  });
});
