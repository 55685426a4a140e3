import type { ColumnType } from './copy-catalog';
import { copyTextLine, parseCopyLine } from './copy-text';
import { normaliseRow, type RowValues } from './row-values';

const TYPES: ColumnType[] = ['boolean', 'timestamp', 'bytes', 'json', 'date', 'uuid', 'integer', 'text-array', 'text', 'real'];

/** Rows of normalised values, one column of each type, with the values whose text is hardest. */
const ROWS: RowValues[] = [
  [
    true,
    '2026-03-01T10:00:00.000Z',
    Buffer.from([0, 255]),
    { b: [1, 2], a: 'x\ty' },
    '2026-03-01',
    'ab000000-0000-4000-8000-00000000000a',
    '9007199254740993',
    ['a.example', 'b "quoted"', 'back\\slash'],
    'tab\there\nnew\rline\\',
    0.1,
  ],
  [false, '2026-03-01T10:00:00.500Z', Buffer.alloc(0), 'a JSON string', '0099-12-31', '00000000-0000-4000-8000-000000000000', '-42', [], '', Number.NaN],
  [
    null,
    '2026-03-01T10:00:00.120Z',
    null,
    null,
    null,
    'ab000000-0000-4000-8000-00000000000b',
    null,
    ['with, comma', '{brace}', 'NULL', ''],
    'ünïcödé ✓',
    Number.POSITIVE_INFINITY,
  ],
  [
    true,
    '2026-03-01T10:00:00.123Z',
    Buffer.from('\\N'),
    [null, 1.5, { k: '\\' }],
    '2026-03-01',
    'ab000000-0000-4000-8000-00000000000c',
    '0',
    ['\t'],
    '\\N',
    -1e-7,
  ],
];

describe('COPY text', () => {
  it.each(ROWS.map((row, index) => [index, row]))('reads row %i back from its own line exactly', (_, row) => {
    expect(normaliseRow(parseCopyLine(copyTextLine(row, TYPES), TYPES), TYPES)).toEqual(row);
  });

  it('writes an instant as PostgreSQL prints a timestamptz in UTC: no trailing zeros in the fraction', () => {
    const line = (instant: string) => copyTextLine([instant], ['timestamp']);
    expect([line('2026-03-01T10:00:00.000Z'), line('2026-03-01T10:00:00.500Z'), line('2026-03-01T10:00:00.120Z'), line('2026-03-01T10:00:00.123Z')]).toEqual([
      '2026-03-01 10:00:00+00',
      '2026-03-01 10:00:00.5+00',
      '2026-03-01 10:00:00.12+00',
      '2026-03-01 10:00:00.123+00',
    ]);
  });

  it('reads the escapes COPY TO writes, NULL apart from the text \\N', () => {
    expect(parseCopyLine('a\\bb\\fc\\vd\\te\\\\N\t\\N', ['text', 'text'])).toEqual(['a\bb\fc\vd\te\\N', null]);
  });
});
