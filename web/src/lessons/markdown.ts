// The Markdown subset of lesson texts and hints (docs/lessons.md, "The
// Markdown subset"), parsed into blocks of spans. Rendering builds DOM
// nodes from these with textContent (markdown-view.ts), so nothing in a
// lesson is ever HTML: `<b>` stays the three characters it is.

/** A piece of inline text. */
export interface Span {
  kind: 'text' | 'code' | 'strong' | 'em';
  text: string;
}

/** A block of a text. */
export type MarkdownBlock =
  | { kind: 'heading'; level: 1 | 2; spans: Span[] }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; items: Span[][] }
  | { kind: 'code'; text: string };

const HEADING = /^(#{1,2}) +(.*)$/;
const BULLET = /^[-*] +(.*)$/;
const NUMBERED = /^\d+\. +(.*)$/;
const CODE_INDENT = '    ';

/** Parses text, in the lessons' Markdown subset, into blocks. Anything outside the subset is kept as the text it is. */
export function parseMarkdown(text: string): MarkdownBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith(CODE_INDENT)) {
      const code: string[] = [];
      while (i < lines.length && (lines[i].startsWith(CODE_INDENT) || lines[i].trim() === '')) {
        code.push(lines[i].slice(CODE_INDENT.length));
        i++;
      }
      // Blank lines inside a code block belong to it; those after it do not.
      while (code[code.length - 1].trim() === '') code.pop();
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length as 1 | 2, spans: parseInline(heading[2].trim()) });
      i++;
      continue;
    }
    const ordered = NUMBERED.test(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? NUMBERED : BULLET;
      const items: Span[][] = [];
      let match: RegExpExecArray | null;
      while (i < lines.length && (match = pattern.exec(lines[i]))) {
        items.push(parseInline(match[1].trim()));
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !startsBlock(lines[i])) {
      paragraph.push(lines[i].trim());
      i++;
    }
    blocks.push({ kind: 'paragraph', spans: parseInline(paragraph.join(' ')) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return line.startsWith(CODE_INDENT) || HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line);
}

/** Parses inline `code`, **bold** and *emphasis*; an unclosed mark is text. */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let plain = '';
  const flush = () => {
    if (plain) spans.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const mark = text.startsWith('**', i) ? '**' : text[i] === '`' || text[i] === '*' ? text[i] : '';
    const end = mark ? text.indexOf(mark, i + mark.length) : -1;
    const inner = end > 0 ? text.slice(i + mark.length, end) : '';
    // An empty span (`` or ****) is not one, nor is `2 * 3 * 4`: as in
    // Markdown, bold and emphasis hug their text.
    if (inner && (mark === '`' || inner.trim() === inner)) {
      flush();
      const kind = mark === '`' ? 'code' : mark === '**' ? 'strong' : 'em';
      spans.push({ kind, text: inner });
      i = end + mark.length;
      continue;
    }
    plain += text[i];
    i++;
  }
  flush();
  return spans;
}
