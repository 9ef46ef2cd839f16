import { describe, expect, it } from '@jest/globals';
import type { FieldDefinition } from './field-definition.js';
import { normalizeDate } from '../../common/dates.js';
import { coerceText, mapRow, prepareRecord, validateCollectionData } from './record-validation.js';

const field = (
  name: string,
  type: FieldDefinition['type'],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({
  name,
  type,
  required: false,
  searchable: false,
  filterable: false,
  ...extra,
});

describe('CSV coercion', () => {
  it('converts text to each field type', () => {
    expect(coerceText('number', ' 12.5 ')).toEqual({ ok: true, value: 12.5 });
    expect(coerceText('number', '1e3')).toEqual({ ok: true, value: 1000 });
    expect(coerceText('number', 'abc').ok).toBe(false);
    expect(coerceText('number', 'Infinity').ok).toBe(false);
    expect(coerceText('integer', '-42')).toEqual({ ok: true, value: -42 });
    expect(coerceText('integer', '4.2').ok).toBe(false);
    expect(coerceText('boolean', 'Yes')).toEqual({ ok: true, value: true });
    expect(coerceText('boolean', '0')).toEqual({ ok: true, value: false });
    expect(coerceText('boolean', 'maybe').ok).toBe(false);
    expect(coerceText('date', '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(coerceText('date', '2024-02-30').ok).toBe(false);
    expect(coerceText('string[]', 'a| b ;c,,')).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(coerceText('string[]', '["x, y","z"]')).toEqual({ ok: true, value: ['x, y', 'z'] });
    expect(coerceText('string', ' keep ')).toEqual({ ok: true, value: ' keep ' });
  });

  it('normalizes date-times to UTC ISO 8601', () => {
    expect(normalizeDate('2024-05-01T12:00:00+02:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(normalizeDate('2024-05-01 12:00')).toBe('2024-05-01T12:00:00.000Z');
    expect(normalizeDate('2024-13-01T00:00:00Z')).toBeNull();
    expect(normalizeDate('yesterday')).toBeNull();
  });
});

describe('collection_data validation', () => {
  const fields = [
    field('price', 'number', { required: true }),
    field('tags', 'string[]', { searchable: true }),
    field('sku', 'string', { searchable: true }),
  ];

  it('names every field that breaks the schema', () => {
    expect(validateCollectionData(fields, { price: '12', tags: 'x' }, false).errors).toEqual([
      { field: 'collection_data.price', message: 'must be a number' },
      { field: 'collection_data.tags', message: 'must be an array of strings' },
    ]);
    expect(validateCollectionData(fields, {}, false).errors).toEqual([
      { field: 'collection_data.price', message: 'is required' },
    ]);
  });

  it('keeps keys the schema does not name, and accepts anything without a schema', () => {
    expect(validateCollectionData(fields, { price: 1, extra: { a: 1 } }, false)).toEqual({
      data: { price: 1, extra: { a: 1 } },
      errors: [],
    });
    expect(validateCollectionData(null, { x: 1 }, false).errors).toEqual([]);
  });

  it('prepares indexed records with their searchable text, and failed ones with the reason', () => {
    const input = { name: 'n', description: null, external_id: null, visibility: 'private' as const };
    const ok = prepareRecord(
      { ...input, collection_data: { price: '3', tags: 'a|b', sku: 'X-1' } },
      fields,
      true,
    );
    expect(ok).toMatchObject({
      indexing_status: 'indexed',
      indexing_error: null,
      collection_data: { price: 3, tags: ['a', 'b'], sku: 'X-1' },
      search_text: 'a b X-1',
    });
    const bad = prepareRecord({ ...input, collection_data: { price: 'cheap' } }, fields, true);
    expect(bad).toMatchObject({
      indexing_status: 'failed',
      indexing_error: 'collection_data.price: must be a number',
      search_text: '',
    });
  });
});

describe('row mapping', () => {
  it('maps record fields and sends every other key to collection_data', () => {
    expect(
      mapRow(
        { name: 'A', external_id: 7, visibility: 'PUBLIC', color: 'red', collection_data: { size: 2 } },
        false,
      ),
    ).toEqual({
      input: {
        name: 'A',
        description: null,
        external_id: '7',
        visibility: 'public',
        collection_data: { color: 'red', size: 2 },
      },
    });
  });

  it('takes a CSV column named collection_data as an ordinary column', () => {
    expect(mapRow({ name: 'A', collection_data: '{"size":2}', color: 'red' }, true)).toEqual({
      input: {
        name: 'A',
        description: null,
        external_id: null,
        visibility: 'private',
        collection_data: { collection_data: '{"size":2}', color: 'red' },
      },
    });
  });

  it('refuses rows that cannot be records', () => {
    expect(mapRow({ description: 'x' }, true)).toEqual({ error: 'name is required' });
    expect(mapRow({ name: '   ' }, true)).toEqual({ error: 'name is required' });
    expect(mapRow({ name: 5 }, false)).toEqual({ error: 'name must be a string' });
    expect(mapRow({ name: 'a', visibility: 'secret' }, false).error).toMatch(/visibility/);
    expect(mapRow({ name: 'a', collection_data: [1] }, false).error).toMatch(/collection_data/);
  });

  it('refuses a numeric external_id that JSON cannot carry exactly (beyond 2^53, or not whole)', () => {
    expect(mapRow({ name: 'a', external_id: 9007199254740991 }, false).input?.external_id).toBe(
      '9007199254740991',
    );
    // 12345678901234567890 and …891 both parse to 12345678901234567000: two ids would become one.
    for (const external_id of [12345678901234567890, 9007199254740992, 1.5, -1e21]) {
      expect(mapRow({ name: 'a', external_id }, false).error).toMatch(/send it as a string/);
    }
  });

  it('refuses a field given differently at the top level and in collection_data, instead of dropping one', () => {
    expect(mapRow({ name: 'a', x: 6, collection_data: { x: 5 } }, false).error).toBe(
      'x is given twice, differently: at the top level and in collection_data',
    );
    expect(
      mapRow({ name: 'a', x: [1], collection_data: { x: [1], y: 2 } }, false).input?.collection_data,
    ).toEqual({ x: [1], y: 2 });
    // The same value written with its keys in another order is the same value.
    expect(
      mapRow({ name: 'a', x: { p: 1, q: 2 }, collection_data: { x: { q: 2, p: 1 } } }, false).input
        ?.collection_data,
    ).toEqual({ x: { p: 1, q: 2 } });
  });
});
