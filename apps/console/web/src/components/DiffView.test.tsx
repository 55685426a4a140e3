import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DiffView, sideBySide, stableJson, withContext } from './DiffView';

describe('sideBySide', () => {
  it('puts a replaced block beside its replacement and keeps unchanged lines on both sides', () => {
    expect(sideBySide('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual([
      { left: 'a', right: 'a', kind: 'same' },
      { left: 'b', right: 'B', kind: 'changed' },
      { left: 'c', right: 'c', kind: 'same' },
      { right: 'd', kind: 'added' },
    ]);
    expect(sideBySide('a\nb\n', 'a\n')).toEqual([
      { left: 'a', right: 'a', kind: 'same' },
      { left: 'b', kind: 'removed' },
    ]);
  });

  it('pairs blocks of unequal length row by row', () => {
    expect(sideBySide('x\n', 'y\nz\n')).toEqual([
      { left: 'x', right: 'y', kind: 'changed' },
      { right: 'z', kind: 'added' },
    ]);
  });
});

describe('withContext', () => {
  it('keeps the lines around each change and folds every other run of unchanged lines into one row', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n');
    const after = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h'].join('\n');
    expect(withContext(sideBySide(before, after), 1)).toEqual([
      { left: '… 2 unchanged lines', right: '… 2 unchanged lines', kind: 'skipped' },
      { left: 'c', right: 'c', kind: 'same' },
      { left: 'd', right: 'D', kind: 'changed' },
      { left: 'e', right: 'e', kind: 'same' },
      { left: '… 3 unchanged lines', right: '… 3 unchanged lines', kind: 'skipped' },
    ]);
    expect(withContext(sideBySide('x', 'x'), 2)).toEqual([{ left: '… 1 unchanged line', right: '… 1 unchanged line', kind: 'skipped' }]);
  });
});

describe('stableJson', () => {
  it('sorts keys at every level, so key order never shows as a change', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }] } })).toBe(stableJson({ a: { c: [{ e: 2, f: 1 }], d: 2 }, b: 1 }));
  });
});

describe('DiffView', () => {
  it('labels the table, counts the changed lines and marks changed rows for screen readers', () => {
    render(<DiffView before={{ mode: 'off', name: 'p' }} after={{ mode: 'blocking', name: 'p' }} beforeLabel="Revision 1" afterLabel="Revision 2" />);
    const table = screen.getByRole('table', { name: 'Differences between Revision 1 and Revision 2' });
    expect(within(table).getByText('1 changed line')).toBeTruthy();
    const changed = within(table).getByRole('row', { name: 'changed' });
    expect(changed.textContent).toContain('"mode": "off"');
    expect(changed.textContent).toContain('"mode": "blocking"');
  });

  it('says when there is no difference', () => {
    render(<DiffView before={{ a: 1 }} after={{ a: 1 }} beforeLabel="then" afterLabel="now" />);
    expect(screen.getByText('No differences')).toBeTruthy();
  });
});
