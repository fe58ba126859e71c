// The tab switcher's rules, apart from the page: which tab a key moves to
// and which element an address's hash names. workbench.ts applies them.

/**
 * The index of the tab that key moves to from tab index, of count tabs, as
 * the ARIA tabs pattern has it: the arrows move to the next or previous tab
 * and wrap around, Home and End go to the first and the last. null for any
 * other key, which the tab list leaves to the browser.
 */
export function tabForKey(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The id of the element a location's hash names ("#code" names "code"),
 * decoded as the browser decodes it for fragment navigation; null for no
 * hash, an empty one ("#") or one that is not valid percent-encoding.
 */
export function idInHash(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment) return null;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return null;
  }
}
