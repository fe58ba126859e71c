import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeShareFragment, describeShare, encodeShareFragment, fromBase64url, isShareFragment, toBase64url, SHARE_UNPACKED_LIMIT } from './share-link';

/** A simulation file as the core writes it: one EE, blocks on shards 0 and 5, a project. */
const FILE = JSON.stringify({
  format: 'eeplay-simulation',
  version: 3,
  checksum: 'sha256:0x00',
  operations: [
    { create_execution_environment: { initial_state: '0x' + '00'.repeat(32), wasm_code: '0x0061736d01000000' } },
    { create_shard_block: { shard_index: 0, transactions: [{ data: '0x68656c6c6f', ee_index: 0 }] } },
    { create_shard_block: { shard_index: 5, transactions: [] } },
    { create_shard_block: { shard_index: 0, transactions: [] } },
  ],
  projects: [{ id: 'p-1', name: 'counter', language: 'assemblyscript', entry: 'main.ts', files: [{ path: 'main.ts', text: 'x' }], builds: [] }],
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** deflated returns text deflated (zlib), as a share link carries it. */
async function deflated(text: string): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes(text)]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
}

test('a share fragment gives back the file it was made from, and what it holds', async () => {
  const fragment = await encodeShareFragment(bytes(FILE));
  assert.match(fragment, /^share=1\.[A-Za-z0-9_-]+$/);
  for (const given of [fragment, `#${fragment}`]) {
    const { file, summary } = await decodeShareFragment(given);
    assert.equal(new TextDecoder().decode(file), FILE);
    assert.deepEqual(summary, { ees: 1, blocks: 3, shards: 2, projects: [{ id: 'p-1', name: 'counter' }] });
  }
});

test('base64url round-trips every length, without padding', () => {
  for (let n = 0; n < 70; n++) {
    const data = new Uint8Array(n).map((_, i) => (i * 151 + n) & 0xff);
    const text = toBase64url(data);
    assert.doesNotMatch(text, /[=+/]/);
    assert.equal(text, Buffer.from(data).toString('base64url'));
    if (n > 0) assert.deepEqual(fromBase64url(text), data);
  }
});

test('isShareFragment tells a share link from the page’s anchors', () => {
  const cases: [string, boolean][] = [
    ['#share=1.abc', true],
    ['share=', true],
    ['#ees', false],
    ['', false],
    ['#main?share=1.x', false],
  ];
  for (const [fragment, want] of cases) assert.equal(isShareFragment(fragment), want, fragment);
});

test('a damaged, cut or foreign share link says what is wrong', async () => {
  const good = await encodeShareFragment(bytes(FILE));
  const data = good.slice('share=1.'.length);
  // One character changed in the middle: the checksum or the stream breaks.
  const middle = Math.floor(data.length / 2);
  const flipped = data.slice(0, middle) + (data[middle] === 'A' ? 'B' : 'A') + data.slice(middle + 1);
  const bomb = toBase64url(await deflated(' '.repeat(SHARE_UNPACKED_LIMIT + 1)));
  const cases: { name: string; fragment: string; want: string }[] = [
    { name: 'no format', fragment: '#share=abc', want: 'share link: no format before the data: want #share=1.DATA; the link was cut or mistyped' },
    {
      name: 'newer format',
      fragment: '#share=2.abcd',
      want: 'share link: format "2" is not supported: this eeplay opens format 1 (#share=1.…); the link may come from a newer eeplay',
    },
    { name: 'no data', fragment: '#share=1.', want: 'share link: no data after #share=1.: the link was cut short' },
    {
      name: 'not base64url',
      fragment: '#share=1.ab+d',
      want: 'share link: the data is damaged: character 3 of it is "+", which base64url does not use (A-Z, a-z, 0-9, - and _)',
    },
    { name: 'one character too many', fragment: '#share=1.abcde', want: 'share link: the data is damaged or cut short: 5 base64url characters do not make whole bytes' },
    { name: 'cut short', fragment: `#share=1.${data.slice(0, data.length - 10)}`, want: 'share link: the data is damaged or cut short: it does not decompress; copy the whole link again' },
    { name: 'one character changed', fragment: `#share=1.${flipped}`, want: 'share link: the data is damaged or cut short: it does not decompress; copy the whole link again' },
    { name: 'not deflated', fragment: `#share=1.${toBase64url(bytes(FILE))}`, want: 'share link: the data is damaged or cut short: it does not decompress; copy the whole link again' },
    { name: 'unpacks too far', fragment: `#share=1.${bomb}`, want: 'share link: the data unpacks to more than 32 MiB: no link eeplay makes holds that much' },
    { name: 'not JSON', fragment: `#share=1.${toBase64url(await deflated('{"format":'))}`, want: 'share link: the data is not a simulation file: it is not JSON' },
    {
      name: 'another format',
      fragment: `#share=1.${toBase64url(await deflated('{"format":"other","operations":[]}'))}`,
      want: 'share link: the data is not a simulation file: its format is not "eeplay-simulation"',
    },
    {
      name: 'no operations',
      fragment: `#share=1.${toBase64url(await deflated('{"format":"eeplay-simulation"}'))}`,
      want: 'share link: the data is not a simulation file: it has no list of operations',
    },
  ];
  for (const c of cases) {
    await assert.rejects(decodeShareFragment(c.fragment), (e: Error) => {
      assert.equal(e.message, c.want, c.name);
      return true;
    });
  }
});

test('describeShare says what a link holds', () => {
  const cases: { summary: Parameters<typeof describeShare>[0]; want: string }[] = [
    { summary: { ees: 0, blocks: 0, shards: 0, projects: [] }, want: '0 EEs and no blocks' },
    { summary: { ees: 1, blocks: 1, shards: 1, projects: [] }, want: '1 EE and 1 block on 1 shard' },
    { summary: { ees: 3, blocks: 1200, shards: 4, projects: [{ id: 'p-1', name: 'counter' }] }, want: '3 EEs, 1,200 blocks on 4 shards and the project “counter”' },
    { summary: { ees: 2, blocks: 0, shards: 0, projects: [{ id: 'p-1', name: 'a' }, { id: 'p-2', name: 'b' }] }, want: '2 EEs, no blocks and the projects “a”, “b”' },
  ];
  for (const c of cases) assert.equal(describeShare(c.summary), c.want);
});
