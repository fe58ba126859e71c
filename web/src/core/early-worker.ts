// The core's first worker, started by an inline script in index.html as
// the page's head is parsed, so that fetching and compiling the core
// overlaps loading app.js and laying out the page (about 150 ms before it
// started in the supervisor). The supervisor takes it for its first worker.

declare global {
  interface Window {
    /** Set by index.html's inline script; taken once by takeEarlyWorker. */
    eeplayEarlyWorker?: Worker;
  }
}

/** The worker index.html started, once; undefined if it started none (another page, or a test-crash page, whose worker needs its flag) or it was taken. */
export function takeEarlyWorker(): Worker | undefined {
  if (typeof window === 'undefined') return undefined;
  const worker = window.eeplayEarlyWorker;
  delete window.eeplayEarlyWorker;
  return worker;
}
