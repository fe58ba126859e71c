import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../core/api';
import { failure, fromAsc, fromWabt, lineAndColumn, type AscMessage } from './diagnostics';

test('lineAndColumn counts from 1', () => {
  const text = 'ab\ncd\n\nx😀y';
  const tests: { name: string; offset: number; want: { line: number; column: number } }[] = [
    { name: 'start', offset: 0, want: { line: 1, column: 1 } },
    { name: 'end of the first line', offset: 2, want: { line: 1, column: 3 } },
    { name: 'start of the second line', offset: 3, want: { line: 2, column: 1 } },
    { name: 'empty line', offset: 6, want: { line: 3, column: 1 } },
    // An astral character is two UTF-16 code units, as editors count.
    { name: 'after an astral character', offset: 10, want: { line: 4, column: 4 } },
    { name: 'negative', offset: -1, want: { line: 1, column: 1 } },
  ];
  for (const tt of tests) {
    assert.deepEqual(lineAndColumn(text, tt.offset), tt.want, tt.name);
  }
});

test('fromAsc places a message in its file', () => {
  const files = { 'counter/main.ts': 'import "../lib/eth2";\nexport function main(): void {\n  let x: i32 = ;\n}\n', 'lib/eth2.ts': '' };
  const at = (normalizedPath: string, start: number) => ({ start, source: { normalizedPath } });
  const tests: { name: string; message: AscMessage; want: Diagnostic }[] = [
    {
      name: 'error in the entry',
      message: { category: 3, message: 'Expression expected.', range: at('counter/main.ts', 68) },
      want: { severity: 'error', file: 'counter/main.ts', line: 3, column: 16, message: 'Expression expected.' },
    },
    {
      name: 'warning in another file',
      message: { category: 2, message: 'Unused.', range: at('lib/eth2.ts', 0) },
      want: { severity: 'warning', file: 'lib/eth2.ts', line: 1, column: 1, message: 'Unused.' },
    },
    {
      name: 'info',
      message: { category: 1, message: 'Note.', range: at('counter/main.ts', 22) },
      want: { severity: 'info', file: 'counter/main.ts', line: 2, column: 1, message: 'Note.' },
    },
    {
      name: 'pedantic is info',
      message: { category: 0, message: 'Pedantic.', range: null },
      want: { severity: 'info', file: 'counter/main.ts', line: 1, column: 1, message: 'Pedantic.' },
    },
    {
      name: 'no place',
      message: { category: 3, message: "File 'counter/main.ts' not found.", range: null },
      want: { severity: 'error', file: 'counter/main.ts', line: 1, column: 1, message: "File 'counter/main.ts' not found." },
    },
    {
      name: 'in the standard library',
      message: { category: 3, message: 'Type mismatch.', range: at('~lib/array.ts', 500) },
      want: { severity: 'error', file: 'counter/main.ts', line: 1, column: 1, message: 'Type mismatch. (in ~lib/array.ts)' },
    },
  ];
  for (const tt of tests) {
    assert.deepEqual(fromAsc(tt.message, files, 'counter/main.ts'), tt.want, tt.name);
  }
});

test('fromWabt reads the places out of wabt errors', () => {
  const tests: { name: string; text: string; want: Diagnostic[] }[] = [
    {
      name: 'parse error, with the stray byte wabt adds to the file name',
      text: 'parseWat failed:\nee/main.wats:4:5: error: unexpected token i32.addd, expected ).\n    i32.addd\n    ^^^^^^^^\n',
      want: [{ severity: 'error', file: 'ee/main.wat', line: 4, column: 5, message: 'unexpected token i32.addd, expected ).' }],
    },
    {
      name: 'two errors',
      text: 'parseWat failed:\nee/main.wat:2:25: error: unexpected token i32.foo, expected ).\n  x\n  ^\nee/main.wat:13:1: error: unexpected token i32.bar, expected ).\n',
      want: [
        { severity: 'error', file: 'ee/main.wat', line: 2, column: 25, message: 'unexpected token i32.foo, expected ).' },
        { severity: 'error', file: 'ee/main.wat', line: 13, column: 1, message: 'unexpected token i32.bar, expected ).' },
      ],
    },
    {
      name: 'a warning',
      text: 'ee/main.wat:1:2: warning: something',
      want: [{ severity: 'warning', file: 'ee/main.wat', line: 1, column: 2, message: 'something' }],
    },
    {
      name: 'no place',
      text: 'toBinary failed: out of memory',
      want: [{ severity: 'error', file: 'ee/main.wat', line: 1, column: 1, message: 'toBinary failed: out of memory' }],
    },
  ];
  for (const tt of tests) {
    assert.deepEqual(fromWabt(tt.text, 'ee/main.wat'), tt.want, tt.name);
  }
});

test('failure is never blank', () => {
  assert.deepEqual(failure('main.ts', '  \n'), {
    severity: 'error',
    file: 'main.ts',
    line: 1,
    column: 1,
    message: 'the compiler failed without saying why',
  });
  assert.deepEqual(failure('main.ts', 'FAILURE 1 parse error(s)\n'), {
    severity: 'error',
    file: 'main.ts',
    line: 1,
    column: 1,
    message: 'FAILURE 1 parse error(s)',
  });
});
