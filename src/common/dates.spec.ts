import { describe, expect, it } from '@jest/globals';
import { DATE_INPUT_PATTERN, normalizeDate } from './dates.js';

describe('DATE_INPUT_PATTERN (the documented form of a date filter bound)', () => {
  const accepted = [
    '2024-05-01',
    '2024-05-01T12:00',
    '2024-05-01 12:00:30',
    '2024-05-01T12:00:30.123456789Z',
    '2024-05-01T12:00:30z',
    '2024-05-01T12:00:30+02:00',
    '2024-05-01T12:00:30-0530',
    '2024-05-01T12:00+0200',
    ' 2024-05-01 ',
  ];
  const refused = [
    '2024-5-1',
    '2024-05-01T12',
    '01/05/2024',
    'yesterday',
    '2024-05-01T12:00:30+2',
    '2024-05-01T12:00+02',
    '',
  ];

  it('matches every form normalizeDate accepts', () => {
    for (const text of accepted) {
      expect({ text, normalized: normalizeDate(text) !== null }).toEqual({ text, normalized: true });
      expect({ text, matches: DATE_INPUT_PATTERN.test(text) }).toEqual({ text, matches: true });
    }
  });

  it('refuses what normalizeDate refuses by its form', () => {
    for (const text of refused) {
      expect({ text, normalized: normalizeDate(text) }).toEqual({ text, normalized: null });
      expect({ text, matches: DATE_INPUT_PATTERN.test(text) }).toEqual({ text, matches: false });
    }
  });

  it('leaves the calendar to normalizeDate: the form of 2024-02-30 matches, the day is refused', () => {
    expect(DATE_INPUT_PATTERN.test('2024-02-30')).toBe(true);
    expect(normalizeDate('2024-02-30')).toBeNull();
  });
});
