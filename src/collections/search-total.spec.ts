import { describe, expect, it } from '@jest/globals';
import { boundedTotal } from './search-total.js';

describe('boundedTotal', () => {
  const total = (o: Partial<Parameters<typeof boundedTotal>[0]>) =>
    boundedTotal({ counted: 0, returned: 0, offset: 0, limit: 10, countLimit: 1000, exact: false, ...o });

  it('is exact up to the count limit, the limit included', () => {
    expect(total({ counted: 0 })).toEqual({ total: 0, relation: 'eq' });
    expect(total({ counted: 7, returned: 7 })).toEqual({ total: 7, relation: 'eq' });
    expect(total({ counted: 1000, returned: 10 })).toEqual({ total: 1000, relation: 'eq' });
  });

  it('is the limit, a lower bound, when counting stopped past it', () => {
    expect(total({ counted: 1001, returned: 10 })).toEqual({ total: 1000, relation: 'gte' });
    // Or what the page proves, when that is more.
    expect(total({ counted: 6, returned: 10, countLimit: 5 })).toEqual({ total: 10, relation: 'gte' });
  });

  it('is exact when asked, whatever the count', () => {
    expect(total({ counted: 22429, returned: 10, exact: true })).toEqual({ total: 22429, relation: 'eq' });
  });

  it('grows with pages past the limit, and is exact on the page that ends the matches', () => {
    expect(total({ counted: 1001, returned: 10, offset: 1200 })).toEqual({ total: 1210, relation: 'gte' });
    expect(total({ counted: 1001, returned: 4, offset: 1200 })).toEqual({ total: 1204, relation: 'eq' });
    // An empty page past the end proves nothing more than the count did.
    expect(total({ counted: 1001, returned: 0, offset: 5000 })).toEqual({ total: 1000, relation: 'gte' });
  });
});
