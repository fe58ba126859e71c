import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from '@codemirror/state';
import { diagnosticRange } from './positions';

test('diagnosticRange maps a 1-based line and column to the word there', () => {
  // Offsets: line 1 is 0-11, its newline 12; line 2 starts at 13; line 3 at 24.
  const doc = Text.of(['let x = 1;  ', 'foo(bar, 2)', '', '  ;']);
  const cases: { name: string; line: number; column: number; want: { from: number; to: number } }[] = [
    { name: 'a word at the start', line: 1, column: 1, want: { from: 0, to: 3 } },
    { name: 'a word inside a line', line: 2, column: 5, want: { from: 17, to: 20 } },
    { name: 'punctuation: one character', line: 2, column: 4, want: { from: 16, to: 17 } },
    { name: 'an empty line: an empty range', line: 3, column: 1, want: { from: 25, to: 25 } },
    { name: 'past the end of a line: its end', line: 1, column: 40, want: { from: 12, to: 12 } },
    { name: 'past the last line: the last line', line: 9, column: 3, want: { from: 28, to: 29 } },
    { name: 'line 0: the first line', line: 0, column: 5, want: { from: 4, to: 5 } },
  ];
  for (const c of cases) assert.deepEqual(diagnosticRange(doc, c.line, c.column), c.want, c.name);
});
