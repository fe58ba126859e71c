// The example EEs that the site ships (examples/examples.json), fetched by
// relative URL since the site may live under any path.

export interface Example {
  name: string;
  wasm: string;
  /** The example's Scout test, when it has one. */
  yaml?: string;
  /** Its main.ts. */
  source: string;
  /** The shared library (scripts/lib) its main.ts imports as "../lib/NAME", by URL: examples/lib/NAME.ts. */
  library: string[];
  summary: string;
  /** The panel that creates this example's EE (its initial state is not zero); "Load example EEs" leaves it out. */
  panel?: string;
}

let examplesList: Promise<Example[]> | null = null;

/** The examples' list, fetched once (relative URL: the site may live under any path). */
export function fetchExamples(): Promise<Example[]> {
  if (!examplesList) {
    examplesList = fetch('examples/examples.json').then(async (r) => {
      if (!r.ok) throw new Error(`examples/examples.json: ${r.status} ${r.statusText}`);
      return (await r.json()) as Example[];
    });
    examplesList.catch(() => (examplesList = null));
  }
  return examplesList;
}

export async function fetchBytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
  return new Uint8Array(await r.arrayBuffer());
}
