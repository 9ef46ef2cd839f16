import { describe, expect, it } from '@jest/globals';
import { operationInput, toJsonSchema, type OpenApiDocument } from './tool-schemas.js';

const document: OpenApiDocument = {
  paths: {},
  components: {
    schemas: {
      Visibility: { type: 'string', enum: ['private', 'public'] },
      Range: { type: 'object', properties: { gte: { type: 'number' } } },
      Thing: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', example: 'bolt' },
          note: { type: 'string', nullable: true },
          visibility: { allOf: [{ $ref: '#/components/schemas/Visibility' }], description: 'Who sees it.' },
          range: { $ref: '#/components/schemas/Range' },
          ranges: { type: 'array', items: { $ref: '#/components/schemas/Range' } },
          anything: {
            type: 'object',
            additionalProperties: { oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/Range' }] },
          },
          level: {
            allOf: [{ $ref: '#/components/schemas/Visibility' }],
            nullable: true,
            description: 'Maybe.',
          },
        },
      },
      Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
    },
  },
};

describe('OpenAPI 3.0 components as JSON Schema (MCP tool schemas)', () => {
  it('inlines references, merges single allOf wrappers, and spells nullable and example the JSON Schema way', () => {
    expect(toJsonSchema({ $ref: '#/components/schemas/Thing' }, document)).toEqual({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', examples: ['bolt'] },
        note: { type: ['string', 'null'] },
        visibility: { type: 'string', enum: ['private', 'public'], description: 'Who sees it.' },
        range: { type: 'object', properties: { gte: { type: 'number' } } },
        ranges: { type: 'array', items: { type: 'object', properties: { gte: { type: 'number' } } } },
        anything: {
          type: 'object',
          additionalProperties: {
            oneOf: [{ type: 'string' }, { type: 'object', properties: { gte: { type: 'number' } } }],
          },
        },
        level: { type: ['string', 'null'], enum: ['private', 'public', null], description: 'Maybe.' },
      },
    });
  });

  it('wraps a nullable schema without a single type in anyOf with null', () => {
    expect(
      toJsonSchema(
        { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true, description: 'x' },
        document,
      ),
    ).toEqual({
      description: 'x',
      anyOf: [{ oneOf: [{ type: 'string' }, { type: 'number' }] }, { type: 'null' }],
    });
  });

  it('refuses recursive and unknown references instead of looping or guessing', () => {
    expect(() => toJsonSchema({ $ref: '#/components/schemas/Loop' }, document)).toThrow(
      /recursive schema Loop > Loop/,
    );
    expect(() => toJsonSchema({ $ref: '#/components/schemas/Nope' }, document)).toThrow(/unresolvable/);
  });

  it('makes a tool input of path parameters and body fields, refusing unknown properties', () => {
    const input = operationInput(
      document,
      {
        operationId: 'make',
        parameters: [
          { in: 'path', name: 'collection', required: true, schema: { type: 'string' } },
          { in: 'query', name: 'ignored', schema: { type: 'string' } },
        ],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      },
      { omit: ['ranges', 'anything', 'level', 'range'], describe: { collection: 'Where.' } },
    );
    expect(input).toEqual({
      type: 'object',
      properties: {
        collection: { type: 'string', description: 'Where.' },
        name: { type: 'string', examples: ['bolt'] },
        note: { type: ['string', 'null'] },
        visibility: { type: 'string', enum: ['private', 'public'], description: 'Who sees it.' },
      },
      required: ['collection', 'name'],
      additionalProperties: false,
    });
  });
});
