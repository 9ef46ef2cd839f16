import { describe, expect, it, jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { toErrorAnswer } from './http-error.filter.js';

const warn = jest.fn();
const logger = { warn, error: jest.fn() } as unknown as Logger;

describe('toErrorAnswer', () => {
  it('answers a client that hung up mid-body as its own doing, not a database outage', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(toErrorAnswer(aborted, 'r1', logger)).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('still answers a lost database connection with 503', () => {
    const lost = Object.assign(new Error('connect ECONNRESET 127.0.0.1:5432'), { code: 'ECONNRESET' });
    expect(toErrorAnswer(lost, 'r2', logger)).toMatchObject({ status: 503, body: { error: 'unavailable' } });
  });
});
