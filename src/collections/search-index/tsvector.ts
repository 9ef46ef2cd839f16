/**
 * A `tsvector` in its text form, as PostgreSQL writes it (`'bear':2A,15C 'steel':1A`): lexemes in
 * PostgreSQL's order, each with its positions as PostgreSQL stores them (`WordEntryPos`: the weight in
 * the top two bits — D 0, C 1, B 2, A 3 — and the position, 1 to 16,383, in the other fourteen).
 */
export interface VectorEntry {
  lexeme: string;
  positions: number[];
}

const WEIGHT_OF: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/** Encodes a position and its weight as PostgreSQL does (`WEP_SETPOS`, `WEP_SETWEIGHT`). */
export function encodePosition(position: number, weight: number): number {
  return (weight << 14) | (position & 0x3fff);
}

export const positionOf = (encoded: number): number => encoded & 0x3fff;
export const weightOf = (encoded: number): number => encoded >>> 14;

/**
 * Parses the text form of a tsvector. Lexemes are quoted, a quote inside doubled and a backslash
 * escaped (`tsvectorout`); positions follow a colon, comma-separated, each with an optional weight
 * letter (none: D). Lexemes without positions (never written by Cistern's generated column) get none.
 */
export function parseTsvector(text: string): VectorEntry[] {
  const entries: VectorEntry[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    if (text[i] !== "'") throw new Error(`tsvector text: expected a quote at ${i}`);
    i++;
    let lexeme = '';
    for (;;) {
      if (i >= n) throw new Error('tsvector text: unterminated lexeme');
      const ch = text[i];
      if (ch === "'") {
        if (text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (ch === '\\') {
        lexeme += text[i + 1];
        i += 2;
        continue;
      }
      lexeme += ch;
      i++;
    }
    const positions: number[] = [];
    if (text[i] === ':') {
      i++;
      for (;;) {
        let position = 0;
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
          position = position * 10 + (text.charCodeAt(i) - 48);
          i++;
        }
        let weight = 0;
        const letter = text[i];
        if (letter !== undefined && letter in WEIGHT_OF) {
          weight = WEIGHT_OF[letter];
          i++;
        }
        positions.push(encodePosition(position, weight));
        if (text[i] !== ',') break;
        i++;
      }
    }
    entries.push({ lexeme, positions });
  }
  return entries;
}

/** Where `forEachLexeme` appends positions. */
export interface PositionSink {
  readonly length: number;
  push(encoded: number): void;
}

const QUOTE = 39; // '
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const SPACE = 32;

/**
 * `parseTsvector` without building objects, for indexing many vectors: appends each lexeme's positions
 * to `sink` and calls `onLexeme(lexeme, from)` with where they start. A lexeme without escapes (nearly
 * all) is one `slice` of the text.
 */
export function forEachLexeme(
  text: string,
  sink: PositionSink,
  onLexeme: (lexeme: string, from: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    if (c !== QUOTE) throw new Error(`tsvector text: expected a quote at ${i}`);
    const begin = i + 1;
    let j = begin;
    let escaped = false;
    for (;;) {
      if (j >= n) throw new Error('tsvector text: unterminated lexeme');
      c = text.charCodeAt(j);
      if (c === BACKSLASH) {
        escaped = true;
        j += 2;
        continue;
      }
      if (c === QUOTE) {
        if (text.charCodeAt(j + 1) === QUOTE) {
          escaped = true;
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    const lexeme = escaped ? unescapeLexeme(text.slice(begin, j)) : text.slice(begin, j);
    i = j + 1;
    const from = sink.length;
    if (text.charCodeAt(i) === COLON) {
      i++;
      for (;;) {
        let position = 0;
        c = text.charCodeAt(i);
        while (c >= 48 && c <= 57) {
          position = position * 10 + (c - 48);
          c = text.charCodeAt(++i);
        }
        let weight = 0;
        if (c >= 65 && c <= 68) {
          weight = 68 - c; // A 3, B 2, C 1, D 0
          c = text.charCodeAt(++i);
        }
        sink.push(encodePosition(position, weight));
        if (c !== COMMA) break;
        i++;
      }
    }
    onLexeme(lexeme, from);
  }
}

/** A lexeme's text as written between its quotes, escapes undone (`''` → `'`, `\x` → `x`). */
function unescapeLexeme(written: string): string {
  return written.replace(/''|\\(.)/gs, (match: string, escaped: string | undefined) => escaped ?? "'");
}
