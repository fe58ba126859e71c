// Package scripts holds the example execution environments, written in
// AssemblyScript: each directory has its source (main.ts), the built .wasm
// and a Scout YAML test. There is no Go code here; this file only hooks the
// build into go generate.
package scripts

//go:generate npm run --silent build:scripts

// The libhash EE's Scout test carries its child module, so it is written
// after the child is built.
//go:generate node libhash/scout.mjs

// The token EE's Scout test is a run of the demo, written after the EE is
// built so that it runs the new code.
//go:generate go run ../cmd/eeplay token demo --accounts 8 --blocks 3 --transfers 4 --seed 1 --scout token/token.yaml

// The examples' traces, call by call, which TestExampleTraces checks, from
// the Scout tests written above.
//go:generate go test . -run TestExampleTraces -update
