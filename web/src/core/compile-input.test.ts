import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCompileInput, type CheckedCompile } from './compile-input';

const helloworld = {
  'helloworld/main.ts': 'export function main(): void {}',
  'lib/eth2.ts': '// host functions',
  'helloworld/helloworld.yaml': 'beacon_state: {}',
};

test('checkCompileInput keeps the sources and chooses the entry', () => {
  const tests: { name: string; input: unknown; want: CheckedCompile }[] = [
    {
      name: 'entry given; the YAML is left out',
      input: { language: 'assemblyscript', files: helloworld, entry: 'helloworld/main.ts' },
      want: {
        language: 'assemblyscript',
        files: { 'helloworld/main.ts': helloworld['helloworld/main.ts'], 'lib/eth2.ts': '// host functions' },
        entry: 'helloworld/main.ts',
        timeLimit: 60,
      },
    },
    {
      name: 'main.ts among others',
      input: { language: 'assemblyscript', files: { 'main.ts': 'a', 'util.ts': 'b' } },
      want: { language: 'assemblyscript', files: { 'main.ts': 'a', 'util.ts': 'b' }, entry: 'main.ts', timeLimit: 60 },
    },
    {
      name: 'the only source file',
      input: { language: 'assemblyscript', files: { 'counter/counter.ts': 'a', 'notes.md': 'b' } },
      want: { language: 'assemblyscript', files: { 'counter/counter.ts': 'a' }, entry: 'counter/counter.ts', timeLimit: 60 },
    },
    {
      name: 'main.wat beside AssemblyScript',
      input: { language: 'wat', files: { 'main.wat': '(module)', 'other.wat': '(module)', 'x.ts': '' } },
      want: { language: 'wat', files: { 'main.wat': '(module)', 'other.wat': '(module)' }, entry: 'main.wat', timeLimit: 60 },
    },
    {
      name: 'an empty source',
      input: { language: 'wat', files: { 'ee.wat': '' } },
      want: { language: 'wat', files: { 'ee.wat': '' }, entry: 'ee.wat', timeLimit: 60 },
    },
    {
      name: 'a time limit given, a fraction',
      input: { language: 'wat', files: { 'ee.wat': '' }, timeLimit: 2.5 },
      want: { language: 'wat', files: { 'ee.wat': '' }, entry: 'ee.wat', timeLimit: 2.5 },
    },
  ];
  for (const tt of tests) {
    assert.deepEqual(checkCompileInput(tt.input), tt.want, tt.name);
  }
});

test('checkCompileInput rejects what is not a compile', () => {
  const tests: { name: string; input: unknown; message: string }[] = [
    { name: 'not an object', input: 'main.ts', message: 'compile: expected {language, files, entry?}, found "main.ts"' },
    { name: 'null', input: null, message: 'compile: expected {language, files, entry?}, found null' },
    {
      name: 'unknown language',
      input: { language: 'rust', files: { 'main.rs': '' } },
      message: 'compile: unknown language "rust": expected "assemblyscript" or "wat"',
    },
    {
      name: 'no language',
      input: { files: { 'main.ts': '' } },
      message: 'compile: unknown language none: expected "assemblyscript" or "wat"',
    },
    {
      name: 'a language that is an Object property',
      input: { language: 'toString', files: { 'main.ts': '' } },
      message: 'compile: unknown language "toString": expected "assemblyscript" or "wat"',
    },
    {
      name: 'files an array',
      input: { language: 'wat', files: ['main.wat'] },
      message: 'compile: files must map each path to its text, found an array',
    },
    {
      name: 'no files',
      input: { language: 'wat' },
      message: 'compile: files must map each path to its text, found none',
    },
    {
      name: 'a text that is not a string',
      input: { language: 'wat', files: { 'main.wat': new Uint8Array(2) } },
      message: 'compile: files must map each path to its text: "main.wat" is an object',
    },
    {
      name: 'entry missing',
      input: { language: 'assemblyscript', files: helloworld, entry: 'hello/main.ts' },
      message: 'compile: entry "hello/main.ts" is not among the files: expected one of "helloworld/main.ts", "lib/eth2.ts"',
    },
    {
      name: 'entry of another kind',
      input: { language: 'assemblyscript', files: helloworld, entry: 'helloworld/helloworld.yaml' },
      message:
        'compile: entry "helloworld/helloworld.yaml" is not an AssemblyScript source file (*.ts): expected one of "helloworld/main.ts", "lib/eth2.ts"',
    },
    {
      name: 'entry not a string',
      input: { language: 'assemblyscript', files: helloworld, entry: 3 },
      message: 'compile: entry must be a path among the files, found a number',
    },
    {
      name: 'a time limit under a second',
      input: { language: 'wat', files: { 'ee.wat': '' }, timeLimit: 0.5 },
      message: 'compile: the time limit must be a number of seconds from 1 to 600, not 0.5',
    },
    {
      name: 'a time limit that is text',
      input: { language: 'wat', files: { 'ee.wat': '' }, timeLimit: '60' },
      message: 'compile: the time limit must be a number of seconds from 1 to 600, not "60"',
    },
    {
      name: 'a time limit that is not a number',
      input: { language: 'wat', files: { 'ee.wat': '' }, timeLimit: Number.NaN },
      message: 'compile: the time limit must be a number of seconds from 1 to 600, not NaN',
    },
    {
      name: 'no source file',
      input: { language: 'wat', files: helloworld },
      message:
        'compile: no WAT source file (*.wat) among the files: found only "helloworld/helloworld.yaml", "helloworld/main.ts", "lib/eth2.ts"',
    },
    {
      name: 'no file at all',
      input: { language: 'assemblyscript', files: {} },
      message: 'compile: no AssemblyScript source file (*.ts) among the files: found no files',
    },
    {
      name: 'no entry and no main',
      input: { language: 'assemblyscript', files: { 'a.ts': '', 'b.ts': '' } },
      message: 'compile: no entry given and no main.ts among the 2 AssemblyScript files ("a.ts", "b.ts"): name the entry',
    },
  ];
  for (const tt of tests) {
    assert.throws(() => checkCompileInput(tt.input), { message: tt.message }, tt.name);
  }
});
