// What the browser tests find on the page's window, for the functions
// page.evaluate runs there: the page's test-only hook, and what the tests
// put there themselves.

import type { Change } from '../src/core/api.ts';

declare module '../src/core/api.ts' {
  interface Eeplay {
    /**
     * Crashes the core (core/eeplay.ts): there only on a page opened with
     * ?test-crash, as every page that crash.test.mjs crashes is.
     */
    crashCoreForTests(when: 'block' | 'idle'): Promise<void>;
  }
}

declare global {
  interface Window {
    /** progress.test.mjs: the page's long tasks. */
    longTasks: { start: number; duration: number }[];
    /** progress.test.mjs: every text the progress line showed. */
    progressTexts: string[];
    /** progress.test.mjs: when the block started, and when and how it ended. */
    blockStart: number;
    blockEnd: { at: number; change: Extract<Change, { kind: 'createShardBlock' }> };
    /** durability.test.mjs: the index of each block whose promise has resolved. */
    resolvedBlocks: number[];
    /** text-not-html.test.mjs: set only if text from an EE ran as markup. */
    __xss?: number;
  }
}
