import { entityTags, strongMatch, weakMatch } from './entity-tags';

describe('entity tags (RFC 9110 §13.1)', () => {
  it('reads a header into its tags', () => {
    expect(entityTags(' "a" ,W/"b",*, ')).toEqual(['"a"', 'W/"b"', '*']);
    expect(entityTags(undefined)).toEqual([]);
  });

  it('compares If-Match strongly: a weak tag never matches', () => {
    expect(strongMatch('"x", "1-2"', '"1-2"')).toBe(true);
    expect(strongMatch('W/"1-2"', '"1-2"')).toBe(false);
    expect(strongMatch('"1-2"', 'W/"1-2"')).toBe(false);
    expect(strongMatch(undefined, '"1-2"')).toBe(false);
  });

  it('compares If-None-Match weakly, and takes * for any current representation', () => {
    expect(weakMatch('W/"abc"', '"abc"')).toBe(true);
    expect(weakMatch('"abc"', 'W/"abc"')).toBe(true);
    expect(weakMatch('"other", *', '"abc"')).toBe(true);
    expect(weakMatch('"abcd"', '"abc"')).toBe(false);
    expect(weakMatch(undefined, '"abc"')).toBe(false);
  });
});
