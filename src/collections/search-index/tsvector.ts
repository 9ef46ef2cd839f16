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
