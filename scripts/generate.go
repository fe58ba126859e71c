// Package scripts holds the example execution environments, written in
// AssemblyScript: each directory has its source (main.ts), the built .wasm
// and a Scout YAML test. There is no Go code here; this file only hooks the
// build into go generate.
package scripts

//go:generate npm run --silent build:scripts
