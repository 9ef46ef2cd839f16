import { describe, expect, it } from '@jest/globals';
import { findUnstorable, isStorableText } from './storable-text.js';

describe('storable text', () => {
  it('accepts any text made of characters, including pairs of surrogates (emoji)', () => {
    expect(isStorableText('plain, "quoted" \\u0000 as text, tab\tand ümlaut')).toBe(true);
    expect(isStorableText('rocket 🚀 and 𝄞')).toBe(true);
    expect(isStorableText('')).toBe(true);
  });

  it('refuses U+0000 and unpaired surrogates', () => {
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud800')).toBe(false);
    expect(isStorableText('x\udc00y')).toBe(false);
    expect(isStorableText('\ud83d\ud83d\ude80')).toBe(false); // a high surrogate before a full pair
  });

  it('answers the path of the first unstorable key or value', () => {
    expect(findUnstorable({ query: 'ok', filters: { grade: 'A' }, list: ['a', 'b'] })).toBeNull();
    expect(findUnstorable({ query: 'ok', filters: { grade: 'x\u0000' } })).toBe('filters.grade');
    expect(findUnstorable({ records: [{ name: 'a' }, { name: 'b', tags: ['ok', '\ud800'] }] })).toBe(
      'records[1].tags[1]',
    );
    expect(findUnstorable({ collection_data: { ['bad\u0000key']: 1 } })).toBe('collection_data.bad\ufffdkey');
    expect(findUnstorable('\udfff')).toBe('(body)');
    expect(findUnstorable(42)).toBeNull();
  });
});
