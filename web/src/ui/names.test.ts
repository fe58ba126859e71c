import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, buildName, fingerprint } from './names';

test('fingerprint is the length and the FNV-1a hash of the code', () => {
  const cases: [string, string][] = [
    ['', '0-811c9dc5'],
    ['a', '1-e40c292c'],
    ['foobar', '6-bf9cf968'],
  ];
  for (const [code, want] of cases) assert.equal(fingerprint(new TextEncoder().encode(code)), want, code);
});

test('fingerprint tells apart codes of one length', () => {
  assert.notEqual(fingerprint(new Uint8Array([1, 2])), fingerprint(new Uint8Array([2, 1])));
});

test('baseName leaves out the folders and .wasm', () => {
  const cases: [string, string][] = [
    ['hashchain.wasm', 'hashchain'],
    ['examples/token/token.wasm', 'token'],
    ['C:\\Users\\me\\helloworld.WASM', 'helloworld'],
    ['twice.wasm.wasm', 'twice.wasm'],
    ['notes.txt', 'notes.txt'],
    ['wasm', 'wasm'],
    ['.wasm', ''],
  ];
  for (const [fileName, want] of cases) assert.equal(baseName(fileName), want, fileName);
});

test('buildName is the project name and the version', () => {
  assert.equal(buildName({ name: 'counter' }, { version: 3 }), 'counter v3');
});
