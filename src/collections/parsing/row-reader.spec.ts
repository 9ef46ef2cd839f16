import { describe, expect, it } from '@jest/globals';
import type { UploadFormat } from '../collections.constants.js';
import { FileSyntaxError } from './file-syntax-error.js';
import { detectFormat, RowReader, type ParsedRow } from './row-reader.js';

/** Parses `text` fed in pieces of `piece` bytes (1 = byte by byte: every boundary is crossed). */
function parse(format: UploadFormat, text: string | Buffer, piece = 0): ParsedRow[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const reader = new RowReader(format);
  const rows: ParsedRow[] = [];
  const sink = (row: ParsedRow) => rows.push(row);
  if (piece <= 0) reader.write(bytes, sink);
  else for (let i = 0; i < bytes.length; i += piece) reader.write(bytes.subarray(i, i + piece), sink);
  reader.end(sink);
  return rows;
}

function parseError(format: UploadFormat, text: string | Buffer): FileSyntaxError {
  try {
    parse(format, text);
  } catch (error) {
    expect(error).toBeInstanceOf(FileSyntaxError);
    return error as FileSyntaxError;
  }
  throw new Error('expected a FileSyntaxError');
}

describe('CSV rows (RFC 4180)', () => {
  const csv =
    '\uFEFFName,Description,price,notes\r\n' +
    '"Bearing, ball","He said ""hi""",12.5,"line one\r\nline two"\r\n' +
    '\r\n' +
    'Plain,,3,\n' +
    'Last,"",,x';

  it.each([0, 1, 2, 7])('parses quotes, commas, line breaks and a BOM (pieces of %i)', (piece) => {
    expect(parse('csv', csv, piece)).toEqual([
      {
        row: 1,
        values: {
          name: 'Bearing, ball',
          description: 'He said "hi"',
          price: '12.5',
          notes: 'line one\r\nline two',
        },
        fromText: true,
      },
      { row: 2, values: { name: 'Plain', price: '3' }, fromText: true },
      { row: 3, values: { name: 'Last', notes: 'x' }, fromText: true },
    ]);
  });

  it('accepts CR-only line breaks and a missing final line break', () => {
    expect(parse('csv', 'name,a\rx,1\ry,2', 1).map((r) => r.values)).toEqual([
      { name: 'x', a: '1' },
      { name: 'y', a: '2' },
    ]);
  });

  it('keeps a multi-byte character split across pieces', () => {
    expect(parse('csv', 'name\nZürich – ☃\n', 1)[0].values).toEqual({ name: 'Zürich – ☃' });
  });

  it('reports rows with more fields than the header, and fills missing trailing fields', () => {
    expect(parse('csv', 'name,a\nx,1,2\ny\n')).toEqual([
      { row: 1, error: 'has 3 fields but the header has 2 columns' },
      { row: 2, values: { name: 'y' }, fromText: true },
    ]);
  });

  it('fails on an unclosed quote, text after a closing quote, bad headers and empty files', () => {
    expect(parseError('csv', 'name\n"open\nmore').message).toMatch(/line 2: a quoted field is never closed/);
    expect(parseError('csv', 'name\n"a"b\n').message).toMatch(/after a closing quote/);
    expect(parseError('csv', 'name,NAME\n').message).toMatch(/twice/);
    expect(parseError('csv', 'name,,x\n').message).toMatch(/empty column name/);
    expect(parseError('csv', '').message).toMatch(/empty/);
    expect(parseError('csv', Buffer.from([0x6e, 0x61, 0xff, 0x0a])).message).toMatch(/UTF-8/);
  });
});

describe('JSON array rows', () => {
  const json =
    ' [ {"name":"a","tags":["x","]"],"n":{"deep":[1,2]}}, {"name":"b \\" } ,"} ,42 ,\n{"name":"c"} ] \n';

  it.each([0, 1, 3])('splits elements without parsing the whole array (pieces of %i)', (piece) => {
    expect(parse('json', json, piece)).toEqual([
      { row: 1, values: { name: 'a', tags: ['x', ']'], n: { deep: [1, 2] } }, fromText: false },
      { row: 2, values: { name: 'b " } ,' }, fromText: false },
      { row: 3, error: 'is not a JSON object' },
      { row: 4, values: { name: 'c' }, fromText: false },
    ]);
  });

  it('accepts an empty array', () => {
    expect(parse('json', '[]')).toEqual([]);
  });

  it('fails on anything that is not one well-formed array', () => {
    expect(parseError('json', '{"name":"a"}').message).toMatch(/JSON array/);
    expect(parseError('json', '[{"name":"a"},').message).toMatch(/not closed/);
    expect(parseError('json', '[{"name":"a"},,{}]').message).toMatch(/element 2/);
    expect(parseError('json', '[{"name": nope}]').message).toMatch(/element 1/);
    expect(parseError('json', '[{"name":"a"}] x').message).toMatch(/after the closing bracket/);
    expect(parseError('json', '').message).toMatch(/empty/);
  });
});

describe('NDJSON rows', () => {
  it.each([0, 1])('reads one object per line, skipping blank lines (pieces of %i)', (piece) => {
    expect(parse('ndjson', '{"name":"a"}\r\n\n  \n[1]\n{"name":"b","x":1}', piece)).toEqual([
      { row: 1, values: { name: 'a' }, fromText: false },
      { row: 2, error: 'is not a JSON object' },
      { row: 3, values: { name: 'b', x: 1 }, fromText: false },
    ]);
  });

  it('fails on a line that is not JSON, naming the line', () => {
    expect(parseError('ndjson', '{"name":"a"}\n{"name":\n').message).toMatch(/^line 2:/);
  });
});

describe('detectFormat', () => {
  it('goes by extension, then by media type', () => {
    expect(detectFormat('data.CSV', 'application/octet-stream')).toBe('csv');
    expect(detectFormat('x.json', undefined)).toBe('json');
    expect(detectFormat('x.jsonl', undefined)).toBe('ndjson');
    expect(detectFormat('x.ndjson', undefined)).toBe('ndjson');
    expect(detectFormat('x.xlsx', 'text/csv')).toBeNull();
    expect(detectFormat('blob', 'text/csv')).toBe('csv');
    expect(detectFormat(undefined, 'application/pdf')).toBeNull();
  });
});

describe('text PostgreSQL cannot store', () => {
  it.each([0, 1, 3])(
    'skips rows holding U+0000 or an unpaired surrogate, with the path (pieces of %i)',
    (piece) => {
      const ndjson =
        '{"name":"ok"}\n{"name":"nul\\u0000"}\n{"name":"x","collection_data":{"k":["a","\\ud800"]}}\n{"name":"pair \\ud83d\\ude80"}\n';
      expect(parse('ndjson', ndjson, piece)).toEqual([
        { row: 1, values: { name: 'ok' }, fromText: false },
        { row: 2, error: 'has text that cannot be stored at name (U+0000 or an unpaired surrogate)' },
        {
          row: 3,
          error: 'has text that cannot be stored at collection_data.k[1] (U+0000 or an unpaired surrogate)',
        },
        { row: 4, values: { name: 'pair 🚀' }, fromText: false },
      ]);
      const csv = Buffer.from('name,notes\nok,fine\nbad\u0000name,x\n', 'utf8');
      expect(parse('csv', csv, piece)).toEqual([
        { row: 1, values: { name: 'ok', notes: 'fine' }, fromText: true },
        { row: 2, error: 'has text that cannot be stored at name (U+0000 or an unpaired surrogate)' },
      ]);
    },
  );
});

describe('deeply nested rows', () => {
  it('skips a JSON row nesting deeper than 32 levels, keeping the others', () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const text = `[{"name":"ok"},{"name":"deep","collection_data":${deep}},{"name":"fine","n":{"m":[1]}}]`;
    expect(parse('json', text)).toEqual([
      { row: 1, values: { name: 'ok' }, fromText: false },
      { row: 2, error: 'nests objects and arrays deeper than 32 levels' },
      { row: 3, values: { name: 'fine', n: { m: [1] } }, fromText: false },
    ]);
  });
});
