// Package checks holds tests about the repository rather than about one
// package: generated files are current, core and wasmhost pass their tests
// under GOOS=js GOARCH=wasm, every fuzz target survives a brief run, and Go
// files are formatted. They run with `go test ./...`; -short skips the slow
// ones.
package checks
