import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLessonManifest } from './lesson-manifest';

const step = {
  title: 'Count',
  text: '1/text.md',
  language: 'assemblyscript',
  starter: { 'main.ts': '1/starter.ts' },
  solution: { 'main.ts': '1/solution.ts' },
  check: [{ yaml: '1/check.yaml' }],
};
const lesson = { title: 'Counter', steps: [step] };
const withStep = (fields: Record<string, unknown>) => JSON.stringify({ ...lesson, steps: [{ ...step, ...fields }] });

test('parseLessonManifest fills in what a lesson leaves out', () => {
  assert.deepEqual(parseLessonManifest(JSON.stringify(lesson)), {
    title: 'Counter',
    summary: '',
    library: [],
    steps: [{ ...step, hints: [], entry: 'main.ts', check: [{ yaml: '1/check.yaml', expect: 'pass' }], wasm: {} }],
  });
  const wat = parseLessonManifest(withStep({ language: 'wat', starter: { 'main.wat': 'a.wat' }, solution: { 'main.wat': 'b.wat' } }));
  assert.equal(wat.steps[0].entry, 'main.wat');
});

test('parseLessonManifest names the field at fault', () => {
  const tests: { name: string; text: string; message: string }[] = [
    { name: 'not JSON', text: '{"title": ', message: /^not JSON: /.source },
    { name: 'unknown field', text: JSON.stringify({ ...lesson, titel: 'x' }), message: 'unknown field "titel": want title, summary, library, steps' },
    { name: 'unknown step field', text: withStep({ hint: ['x'] }), message: 'steps[0]: unknown field "hint": want title, text, hints, language, entry, starter, solution, check, wasm' },
    { name: 'unknown check field', text: withStep({ check: [{ yaml: 'a.yaml', expects: 'reject' }] }), message: 'steps[0].check[0]: unknown field "expects": want yaml, expect' },
    { name: 'no title', text: JSON.stringify({ steps: [step] }), message: 'title: want a string' },
    { name: 'empty title', text: JSON.stringify({ ...lesson, title: '' }), message: 'title: want a string that is not empty' },
    { name: 'no steps', text: JSON.stringify({ title: 'x', steps: [] }), message: 'steps: want a list of at least one step' },
    { name: 'library', text: JSON.stringify({ ...lesson, library: ['eth3.ts'] }), message: 'library[0]: "eth3.ts" is not in the shared library: want one of eth2.ts, sha256.ts, ssz.ts' },
    { name: 'language', text: withStep({ language: 'rust' }), message: 'steps[0].language: "rust" is not a language: want "assemblyscript" or "wat"' },
    { name: 'no language', text: withStep({ language: undefined }), message: 'steps[0].language: undefined is not a language: want "assemblyscript" or "wat"' },
    { name: 'path out of the folder', text: withStep({ text: '../text.md' }), message: `steps[0].text: "../text.md" is not a path inside the lesson's folder: want a relative path with / and no . or ..` },
    { name: 'no entry', text: withStep({ solution: { 'ee.ts': 'a.ts' } }), message: 'steps[0].solution: no file "main.ts", the entry: name it, or set entry' },
    { name: 'library path', text: withStep({ starter: { 'main.ts': 'a.ts', 'lib/eth2.ts': 'b.ts' } }), message: `steps[0].starter: "lib/eth2.ts" is not a project path: want a relative path with / and no . or .., outside lib/, which is the library's` },
    { name: 'no starter', text: withStep({ starter: {} }), message: 'steps[0].starter: want at least one file' },
    { name: 'no check', text: withStep({ check: [] }), message: 'steps[0].check: want a list of at least one test' },
    { name: 'expect', text: withStep({ check: [{ yaml: 'a.yaml', expect: 'fail' }] }), message: 'steps[0].check[0].expect: "fail": want "pass" or "reject"' },
    { name: 'wasm file', text: withStep({ wasm: { 'child.wasm': '/child.wasm' } }), message: `steps[0].wasm["child.wasm"]: "/child.wasm" is not a path inside the lesson's folder: want a relative path with / and no . or ..` },
    { name: 'hint not text', text: withStep({ hints: [1] }), message: 'steps[0].hints[0]: want a string' },
  ];
  for (const t of tests) {
    assert.throws(() => parseLessonManifest(t.text), (error: Error) => {
      if (t.name === 'not JSON') assert.match(error.message, new RegExp(t.message));
      else assert.equal(error.message, t.message, t.name);
      return true;
    });
  }
});
