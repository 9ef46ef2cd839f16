/** Dictionary words: letters only (no codes or numbers), 3 to 40 characters, lower case. */
const WORD = /^\p{L}{3,40}$/u;

/** The distinct dictionary words of some texts, sorted (inserts in one order never deadlock each other). */
export function dictionaryWords(texts: Iterable<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (WORD.test(token)) words.add(token);
    }
  }
  return [...words].sort();
}

/** The words of a search query worth correcting: 3+ letters or digits, at most 8, in order. */
export function queryTerms(query: string): string[] {
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && w.length <= 40);
  return [...new Set(terms)].slice(0, 8);
}
