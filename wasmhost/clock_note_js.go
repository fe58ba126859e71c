//go:build js && wasm

package wasmhost

// clockNote is what a profile's measure adds about the clock: in a page,
// Go's clock is the browser's performance.now, which Chromium coarsens to
// 0.1 ms unless the page is cross-origin isolated, so a short call
// measures 0 or a whole step and only sums over many calls are fair.
const clockNote = "; the browser's clock steps by up to 0.1 ms, longer than most calls: a short call measures 0 or a whole step, so only sums over many calls are fair"
