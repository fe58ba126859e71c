// Package scout parses test files in the YAML format of Scout
// (github.com/ewasm/scout), and compares what a run of one produced with
// what it expects.
//
// scout reads no files: the command line reads the wasm files a test names
// relative to the test file, and the browser playground takes them from
// what the user uploaded. Running a test is left to the caller too.
package scout
