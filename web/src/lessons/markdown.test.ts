import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInline, parseMarkdown } from './markdown';

test('parseMarkdown reads every block of the subset', () => {
  const text = [
    '# Your first EE',
    '',
    'An EE keeps **one root** per shard:',
    'it loads it, changes it and saves it.',
    '',
    '## What to do',
    '- load the root',
    '- save it',
    '1. compile',
    '2. check',
    '',
    '    export function main(): void {',
    '',
    '      eth2_savePostStateRoot(root);',
    '    }',
    '',
    'Done.',
  ].join('\n');
  assert.deepEqual(parseMarkdown(text), [
    { kind: 'heading', level: 1, spans: [{ kind: 'text', text: 'Your first EE' }] },
    {
      kind: 'paragraph',
      spans: [
        { kind: 'text', text: 'An EE keeps ' },
        { kind: 'strong', text: 'one root' },
        { kind: 'text', text: ' per shard: it loads it, changes it and saves it.' },
      ],
    },
    { kind: 'heading', level: 2, spans: [{ kind: 'text', text: 'What to do' }] },
    { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'load the root' }], [{ kind: 'text', text: 'save it' }]] },
    { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'compile' }], [{ kind: 'text', text: 'check' }]] },
    { kind: 'code', text: 'export function main(): void {\n\n  eth2_savePostStateRoot(root);\n}' },
    { kind: 'paragraph', spans: [{ kind: 'text', text: 'Done.' }] },
  ]);
});

test('parseMarkdown keeps what is outside the subset as text', () => {
  const cases: [name: string, text: string][] = [
    ['HTML', '<img src=x onerror=alert(1)> <b>bold</b>'],
    ['a link', '[eeplay](https://example.com)'],
    ['a third-level heading', '### not a heading here'],
    ['a table', '| a | b |'],
  ];
  for (const [name, text] of cases) {
    assert.deepEqual(parseMarkdown(text), [{ kind: 'paragraph', spans: [{ kind: 'text', text }] }], name);
  }
});

test('parseMarkdown reads CRLF text and no text', () => {
  assert.deepEqual(parseMarkdown('a\r\nb\r\n\r\nc'), [
    { kind: 'paragraph', spans: [{ kind: 'text', text: 'a b' }] },
    { kind: 'paragraph', spans: [{ kind: 'text', text: 'c' }] },
  ]);
  assert.deepEqual(parseMarkdown(''), []);
  assert.deepEqual(parseMarkdown('\n\n'), []);
});

test('parseInline reads code, bold and emphasis; an unclosed or empty mark is text', () => {
  const cases: [text: string, want: ReturnType<typeof parseInline>][] = [
    ['call `eth2_savePostStateRoot(root)` last', [
      { kind: 'text', text: 'call ' },
      { kind: 'code', text: 'eth2_savePostStateRoot(root)' },
      { kind: 'text', text: ' last' },
    ]],
    ['**bold** and *em*', [
      { kind: 'strong', text: 'bold' },
      { kind: 'text', text: ' and ' },
      { kind: 'em', text: 'em' },
    ]],
    ['`a * b` stays code', [{ kind: 'code', text: 'a * b' }, { kind: 'text', text: ' stays code' }]],
    ['2 * 3 is six', [{ kind: 'text', text: '2 * 3 is six' }]],
    ['2 * 3 * 4 is 24', [{ kind: 'text', text: '2 * 3 * 4 is 24' }]],
    ['an open `tick', [{ kind: 'text', text: 'an open `tick' }]],
    ['empty `` and ****', [{ kind: 'text', text: 'empty `` and ****' }]],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseInline(text), want, text);
});
