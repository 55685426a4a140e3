import type { CopyTable } from './copy-catalog';
import { matchByKey, pairLines } from './row-matching';

const TABLE: CopyTable = {
  schema: 's',
  name: 't',
  qualified: 's.t',
  columns: [
    { name: 'id', type: 'text' },
    { name: 'note', type: 'text' },
    { name: 'tenant_id', type: 'uuid' },
  ],
  key: ['tenant_id', 'id'],
  keyPositions: [2, 0],
  tenantPosition: 2,
};
const T = 'd3000000-0000-4000-8000-000000000001';
const batch = ['a', 'b', 'c', 'd', 'e'].map((id) => [id, `source ${id}`, T]);

describe('pairing target rows with batch rows', () => {
  it('pairs rows returned in key order, skipping the keys that were not returned', () => {
    const stored = [
      ['b', 'stored b', T],
      ['d', 'stored d', T],
    ];
    expect(matchByKey(TABLE, batch, [0, 1, 2, 3, 4], stored)).toEqual([
      [1, stored[0]],
      [3, stored[1]],
    ]);
  });

  it('pairs rows returned in any order by key', () => {
    const stored = [
      ['e', 'stored e', T],
      ['a', 'stored a', T],
      ['c', 'stored c', T],
    ];
    expect(new Map(matchByKey(TABLE, batch, [0, 1, 2, 3, 4], stored))).toEqual(
      new Map([
        [4, stored[0]],
        [0, stored[1]],
        [2, stored[2]],
      ]),
    );
  });

  it('pairs only within the given rows of the batch, and ignores a row of another key', () => {
    const stored = [
      ['c', 'stored c', T],
      ['z', 'stored z', T],
      ['a', 'stored a', T],
    ];
    expect(new Map(matchByKey(TABLE, batch, [2, 3], stored))).toEqual(new Map([[2, stored[0]]]));
  });
});

describe('pairing returned lines with sent lines', () => {
  const sent = ['a\t1', 'b\t2', 'c\t3', 'd\t4'];

  it('names each line returned as sent by its position, in order or not', () => {
    expect(pairLines(sent, sent)).toEqual({ unchanged: [0, 1, 2, 3], changed: [] });
    expect(pairLines(sent, ['c\t3', 'd\t4', 'a\t1'])).toEqual({ unchanged: [2, 3, 0], changed: [] });
  });

  it('keeps every other line for parsing: changed rows, and rows not sent at all', () => {
    expect(pairLines(sent, ['a\t1', 'b\t20', 'c\t3', 'z\t9'])).toEqual({ unchanged: [0, 2], changed: ['b\t20', 'z\t9'] });
  });
});
