import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankWat, exampleTemplate, newProjectId, projectFromTemplate, scriptNames, uniqueName } from './templates';

test('exampleTemplate lays an example out as scripts/ does, the library read-only', () => {
  const t = exampleTemplate('helloworld', 'main', 'yaml', [
    { url: 'examples/lib/eth2.ts', text: 'eth2' },
    { url: 'examples/lib/sha256.ts', text: 'sha' },
  ]);
  assert.deepEqual(t, {
    name: 'helloworld',
    language: 'assemblyscript',
    entry: 'helloworld/main.ts',
    files: [
      { path: 'helloworld/main.ts', text: 'main' },
      { path: 'lib/eth2.ts', text: 'eth2', readOnly: true },
      { path: 'lib/sha256.ts', text: 'sha', readOnly: true },
      { path: 'helloworld/helloworld.yaml', text: 'yaml' },
    ],
  });
  assert.deepEqual(
    exampleTemplate('x', 'm', undefined, []).files.map((f) => f.path),
    ['x/main.ts'],
    'an example without a Scout test has no YAML',
  );
});

test('projectFromTemplate copies the files and takes a name not taken', () => {
  const p = projectFromTemplate(blankWat, 'id1', ['blank-wat', 'other']);
  assert.equal(p.id, 'id1');
  assert.equal(p.name, 'blank-wat 2');
  assert.equal(p.language, 'wat');
  assert.equal(p.entry, 'blank/main.wat');
  assert.deepEqual(p.builds, []);
  assert.deepEqual(p.files, blankWat.files);
  p.files[0].text = 'edited';
  assert.notEqual(blankWat.files[0].text, 'edited', 'the template is unchanged');
});

test('uniqueName counts up from 2', () => {
  const cases: { name: string; taken: string[]; want: string }[] = [
    { name: 'free', taken: [], want: 'hashchain' },
    { name: 'taken once', taken: ['hashchain'], want: 'hashchain 2' },
    { name: 'taken thrice', taken: ['hashchain', 'hashchain 2', 'hashchain 3'], want: 'hashchain 4' },
    { name: 'a gap is filled', taken: ['hashchain', 'hashchain 3'], want: 'hashchain 2' },
  ];
  for (const c of cases) assert.equal(uniqueName('hashchain', c.taken), c.want, c.name);
});

test('newProjectId is made of the time and a random number', () => {
  assert.equal(newProjectId(36 ** 3, 0.5), 'p-1000-i0000000');
});

test('scriptNames lists the execution scripts by last path element', () => {
  const cases: { name: string; yaml: string; want: string[] }[] = [
    { name: 'the blank template', yaml: blankWat.files[1].text, want: ['blank.wasm'] },
    {
      name: 'paths, quotes and comments',
      yaml: 'beacon_state:\n  execution_scripts:\n    - scripts/a/a.wasm # first\n    - "b.wasm"\n\n    - \'c/c.wasm\'\nshard_pre_state:\n  exec_env_states:\n    - "00"\n',
      want: ['a.wasm', 'b.wasm', 'c.wasm'],
    },
    { name: 'dashes at the key’s indent', yaml: 'beacon_state:\n  execution_scripts:\n  - x.wasm\nshard_blocks:\n  - env: 0\n', want: ['x.wasm'] },
    { name: 'none', yaml: 'shard_blocks: []\n', want: [] },
  ];
  for (const c of cases) assert.deepEqual(scriptNames(c.yaml), c.want, c.name);
});
