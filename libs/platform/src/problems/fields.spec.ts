import { Absentable, Bool, Int, Nested, NestedList, Nullable, OneOf, Required, Rules, Text, Uuid, validateFields } from './fields';

class Item {
  @Text({ min: 1, max: 3 }) a: string;
}
class Sample {
  @Rules(Required(), Text({ min: 1, max: 5, pattern: /^[a-z]+$/, patternMessage: 'lowercase' })) name: string;
  @Int(1, 4) level: number;
  @Nullable() @Int(1, 4) optionalLevel: number | null;
  @Absentable() @Bool() flag?: boolean;
  @Absentable() @OneOf(['x', 'y']) mode?: string;
  @Absentable() @Uuid() id?: string;
  @Absentable() @NestedList(() => Item, 1, 2) items?: Item[];
  @Nullable() @Nested(() => Item) item?: Item | null;
}

const errors = (value: object) => validateFields(Sample, value, 'body').errors.map(({ path, message }) => `${path}: ${message}`);

describe('validateFields', () => {
  it('reports the first broken rule of each field, in the order the rules are listed', () => {
    expect(errors({ level: 2, optionalLevel: null })).toEqual(['name: is required']);
    expect(errors({ name: 5, level: '2', optionalLevel: 2.5 })).toEqual([
      'name: must be a string',
      'level: must be an integer',
      'optionalLevel: must be an integer',
    ]);
    expect(errors({ name: 'a\u0001', level: 0, optionalLevel: 9 })).toEqual([
      'name: must not contain control characters',
      'level: must be between 1 and 4',
      'optionalLevel: must be between 1 and 4',
    ]);
    expect(errors({ name: 'toolong', level: 1, optionalLevel: null })).toEqual(['name: must be 1–5 characters']);
    expect(errors({ name: 'ABC', level: 1, optionalLevel: null })).toEqual(['name: lowercase']);
  });

  it('names unknown properties first, then checks present optional fields', () => {
    expect(errors({ name: 'ok', level: 1, optionalLevel: null, flag: 'yes', mode: 'z', id: 'nope', colour: 'red' })).toEqual([
      'colour: is not an accepted property',
      'flag: must be a boolean',
      'mode: must be one of: x, y',
      'id: must be a UUID',
    ]);
  });

  it('gives nested items their index in the path', () => {
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, items: [{ a: 'ok' }, { a: '', b: 1 }] })).toEqual([
      'items[1].b: is not an accepted property',
      'items[1].a: must be 1–3 characters',
    ]);
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, items: [] })).toEqual(['items: must have 1–2 entries']);
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, items: [1] })).toEqual(['items[0]: must be an object']);
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, item: [] })).toEqual(['item: must be an object']);
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, item: 'x' })).toEqual(['item: must be an object']);
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, item: { a: 'long' } })).toEqual(['item.a: must be 1–3 characters']);
    expect(errors({ name: 'ok', level: 1, optionalLevel: 1, item: null })).toEqual([]);
  });
});
