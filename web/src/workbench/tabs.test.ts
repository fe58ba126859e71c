import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idInHash, tabForKey } from './tabs';

test('tabForKey: arrows wrap around, Home and End go to the ends, other keys are left alone', () => {
  const cases: { name: string; key: string; index: number; count: number; want: number | null }[] = [
    { name: 'right moves on', key: 'ArrowRight', index: 0, count: 4, want: 1 },
    { name: 'right from the last wraps to the first', key: 'ArrowRight', index: 3, count: 4, want: 0 },
    { name: 'left moves back', key: 'ArrowLeft', index: 2, count: 4, want: 1 },
    { name: 'left from the first wraps to the last', key: 'ArrowLeft', index: 0, count: 4, want: 3 },
    { name: 'Home', key: 'Home', index: 2, count: 4, want: 0 },
    { name: 'End', key: 'End', index: 1, count: 4, want: 3 },
    { name: 'one tab: right stays', key: 'ArrowRight', index: 0, count: 1, want: 0 },
    { name: 'up is not a key of a horizontal tab list', key: 'ArrowUp', index: 1, count: 4, want: null },
    { name: 'down neither', key: 'ArrowDown', index: 1, count: 4, want: null },
    { name: 'Enter is the browser’s', key: 'Enter', index: 1, count: 4, want: null },
    { name: 'Tab leaves the tab list', key: 'Tab', index: 1, count: 4, want: null },
    { name: 'no tabs', key: 'ArrowRight', index: 0, count: 0, want: null },
  ];
  for (const c of cases) assert.equal(tabForKey(c.key, c.index, c.count), c.want, c.name);
});

test('idInHash: the id a hash names, decoded', () => {
  const cases: { name: string; hash: string; want: string | null }[] = [
    { name: 'a tab', hash: '#code', want: 'code' },
    { name: 'an element in the state column', hash: '#result', want: 'result' },
    { name: 'without its #', hash: 'token', want: 'token' },
    { name: 'no hash', hash: '', want: null },
    { name: 'an empty hash', hash: '#', want: null },
    { name: 'percent-encoded', hash: '#a%20b', want: 'a b' },
    { name: 'bad percent-encoding', hash: '#%E0%A4%A', want: null },
  ];
  for (const c of cases) assert.equal(idInHash(c.hash), c.want, c.name);
});
