// Package checks holds tests about the repository rather than about one
// package: generated files are current, every fuzz target survives a brief
// run, Go files are formatted, and web/src's imports follow its layers
// (core/, the ui/ kit, one folder per panel). They run with `go test ./...`; -short
// skips the slow ones. The js/wasm tests under Node.js run in `go run
// ./build test`, which has Node.js anyway for its other steps.
package checks
