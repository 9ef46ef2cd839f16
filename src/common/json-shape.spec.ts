import { describe, expect, it } from '@jest/globals';
import { FreeFormJson, freeFormProperties, isJsonObject, nestsDeeperThan } from './json-shape.js';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('json shape', () => {
  it('measures nesting of objects and arrays, stopping past the limit', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true); // no stack overflow
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: 'x' }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: {} }] }, 3)).toBe(true);
  });

  it('tells JSON objects from arrays and null', () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject('x')).toBe(false);
  });

  it('lists the free-form properties of a class and of its subclasses', () => {
    class Base {
      @FreeFormJson() data?: unknown;
    }
    class Child extends Base {
      @FreeFormJson() filters?: unknown;
    }
    class Plain {}
    expect(freeFormProperties(Base)).toEqual(['data']);
    expect(freeFormProperties(Child)).toEqual(['data', 'filters']);
    expect(freeFormProperties(Plain)).toEqual([]);
  });
});
