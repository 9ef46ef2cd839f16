import { describe, expect, it } from '@jest/globals';
import { dictionaryWords, queryTerms } from './words.js';

describe('dictionary words', () => {
  it('keeps distinct lower-case words of 3–40 letters, sorted', () => {
    expect(
      dictionaryWords(['Ball Bearing 6204-2RS', null, 'Kugellager für Wellen; ball bearing!', 'ab x']),
    ).toEqual(['ball', 'bearing', 'für', 'kugellager', 'wellen']);
  });

  it('treats ASCII and non-ASCII texts by the same rules', () => {
    const texts = [
      'Heavy-duty valve_2 (x10) über Straße naïve résumé 9mm o-ring',
      'heavy duty VALVE valves',
      'Ünïcödé wörds and ascii words',
      'tab\tseparated\nlines, commas;semis',
      'ab abc ' + 'a'.repeat(40) + ' ' + 'b'.repeat(41),
    ];
    // The reference: the Unicode rules applied to every text.
    const reference = new Set<string>();
    for (const text of texts) {
      for (const token of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
        if (/^\p{L}{3,40}$/u.test(token)) reference.add(token);
      }
    }
    expect(dictionaryWords(texts)).toEqual([...reference].sort());
    expect(dictionaryWords(texts)).toContain('a'.repeat(40));
    expect(dictionaryWords(texts)).not.toContain('b'.repeat(41));
    expect(dictionaryWords(['valve_2 9mm'])).toEqual(['valve']);
    // Random ASCII texts (letters of both cases, digits, punctuation, runs of every length).
    const alphabet = 'abcXYZ019 -_.,;"\'\t\n(';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: Math.floor(next() * 120) }, () =>
        next() < 0.1 ? 'q'.repeat(Math.floor(next() * 45)) : alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      const expected = new Set(
        text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((token) => /^\p{L}{3,40}$/u.test(token)),
      );
      expect(dictionaryWords([text])).toEqual([...expected].sort());
    }
  });

  it('takes up to 8 distinct query terms of 3+ characters, in order', () => {
    expect(queryTerms('Bearng, 6204 of the BALL ball')).toEqual(['bearng', '6204', 'the', 'ball']);
    expect(queryTerms('widget -housing o-ring -"steel cap"')).toEqual(['widget', 'ring', 'cap']);
    expect(queryTerms('a b c d e f g h i j k l m n o p q r s t u v w x y z aaa')).toEqual(['aaa']);
    expect(queryTerms(Array.from({ length: 12 }, (_, i) => `word${i}`).join(' '))).toHaveLength(8);
  });
});
