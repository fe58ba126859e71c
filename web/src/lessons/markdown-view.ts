// Lesson texts as DOM nodes: markdown.ts's blocks built with createElement
// and text nodes, so a lesson can never put HTML in the page.

import { h, type Child } from '../ui/dom';
import { parseMarkdown, type Span } from './markdown';

/** text, in the lessons' Markdown subset, as nodes; its headings are h5 and h6, under the step's title (h4). */
export function markdownNodes(text: string): Node[] {
  return parseMarkdown(text).map((block) => {
    switch (block.kind) {
      case 'heading':
        return h(block.level === 1 ? 'h5' : 'h6', null, ...spans(block.spans));
      case 'paragraph':
        return h('p', null, ...spans(block.spans));
      case 'list':
        return h(block.ordered ? 'ol' : 'ul', null, ...block.items.map((item) => h('li', null, ...spans(item))));
      case 'code':
        return h('pre', { class: 'lesson-code', tabindex: 0 }, h('code', null, block.text));
    }
  });
}

function spans(list: Span[]): Child[] {
  return list.map((s) => (s.kind === 'text' ? s.text : h(s.kind === 'code' ? 'code' : s.kind === 'strong' ? 'strong' : 'em', null, s.text)));
}
