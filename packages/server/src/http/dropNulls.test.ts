// dropNulls: null means absent on declared, non-nullable properties, at any depth; free-form objects untouched.
import { describe, expect, it } from 'vitest';
import { dropNulls } from './dropNulls.js';

const schema = {
  type: 'object',
  properties: {
    loginIds: { type: 'array', items: { type: 'string' } },
    text: { type: 'string' },
    maybe: { type: ['string', 'null'] },
    sort: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, desc: { type: 'boolean' } } },
    },
    customAttributes: { type: 'object' },
    nested: { type: 'object', properties: { a: { type: 'string' } } },
  },
};

describe('dropNulls', () => {
  it('drops null declared properties, keeps nullable ones, recurses into objects and array items', () => {
    const body = {
      loginIds: null,
      text: null,
      maybe: null,
      sort: [{ field: 'name', desc: null }],
      customAttributes: { plan: null },
      nested: { a: null },
      undeclared: null,
    };
    dropNulls(body, schema);
    expect(body).toEqual({
      maybe: null,
      sort: [{ field: 'name' }],
      customAttributes: { plan: null },
      nested: {},
      undeclared: null,
    });
  });

  it('leaves non-objects and schema-less bodies alone', () => {
    const body = { text: null };
    dropNulls(body, undefined);
    expect(body).toEqual({ text: null });
    expect(() => dropNulls(null, schema)).not.toThrow();
    expect(() => dropNulls('x', schema)).not.toThrow();
  });
});
