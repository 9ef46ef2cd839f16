import { describe, expect, it } from '@jest/globals';
import { dictionaryWords, queryTerms } from './words.js';

describe('dictionary words', () => {
  it('keeps distinct lower-case words of 3–40 letters, sorted', () => {
    expect(
      dictionaryWords(['Ball Bearing 6204-2RS', null, 'Kugellager für Wellen; ball bearing!', 'ab x']),
    ).toEqual(['ball', 'bearing', 'für', 'kugellager', 'wellen']);
  });

  it('takes up to 8 distinct query terms of 3+ characters, in order', () => {
    expect(queryTerms('Bearng, 6204 of the BALL ball')).toEqual(['bearng', '6204', 'the', 'ball']);
    expect(queryTerms('a b c d e f g h i j k l m n o p q r s t u v w x y z aaa')).toEqual(['aaa']);
    expect(queryTerms(Array.from({ length: 12 }, (_, i) => `word${i}`).join(' '))).toHaveLength(8);
  });
});
