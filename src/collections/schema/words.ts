/** Dictionary words: letters only (no codes or numbers), 3 to 40 characters, lower case. */
const WORD = /^\p{L}{3,40}$/u;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** The distinct dictionary words of some texts, sorted (inserts in one order never deadlock each other). */
export function dictionaryWords(texts: Iterable<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const lower = text.toLowerCase();
    if (addAsciiWords(lower, words)) continue;
    for (const token of lower.split(SEPARATORS)) {
      if (WORD.test(token)) words.add(token);
    }
  }
  return [...words].sort();
}

/**
 * The same rules for lower-cased ASCII text (letters a–z, digits 0–9), by scanning character codes:
 * uploads run every name and description through here, and the Unicode split-and-test costs about twice
 * as much (the largest JavaScript cost of an upload). Answers false, adding nothing, when the text is
 * not ASCII.
 */
function addAsciiWords(text: string, words: Set<string>): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  let start = -1;
  let lettersOnly = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = c >= 97 && c <= 122;
    if (letter || (c >= 48 && c <= 57)) {
      if (start < 0) {
        start = i;
        lettersOnly = true;
      }
      if (!letter) lettersOnly = false;
    } else if (start >= 0) {
      const length = i - start;
      if (lettersOnly && length >= 3 && length <= 40) words.add(text.slice(start, i));
      start = -1;
    }
  }
  return true;
}

/**
 * The words of a search query worth correcting: 3+ letters or digits, at most 8, in order. Words the
 * query excludes (`-housing`, web search syntax) are not: a retry would look for them.
 */
export function queryTerms(query: string): string[] {
  const terms = query
    .replace(/(^|\s)-\S*/gu, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && w.length <= 40);
  return [...new Set(terms)].slice(0, 8);
}
