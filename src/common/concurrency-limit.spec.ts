import { describe, expect, it } from '@jest/globals';
import { ConcurrencyLimit } from './concurrency-limit.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` tasks at once and starts the others in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const release = new Map<number, () => void>();
    let running = 0;
    let most = 0;
    const task = (n: number) =>
      limit.run(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => release.set(n, resolve));
        running--;
        return n;
      });
    const results = [1, 2, 3, 4, 5].map(task);
    await tick();
    expect(started).toEqual([1, 2]);
    expect(limit.load).toEqual({ active: 2, waiting: 3 });
    release.get(2)!();
    await tick();
    expect(started).toEqual([1, 2, 3]);
    release.get(1)!();
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    release.get(3)!();
    release.get(4)!();
    await tick();
    release.get(5)!();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(limit.load).toEqual({ active: 0, waiting: 0 });
  });

  it('frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
    expect(limit.load).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses a limit below 1', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
