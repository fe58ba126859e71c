// Package scout parses test files in the YAML format of Scout
// (github.com/ewasm/scout), and compares what a run of one produced with
// what it expects.
//
// scout opens no files itself: Test.ReadCode reads the wasm files a test
// names through the caller's Files, within MaxTestCodeSize; the command
// line opens them relative to the test file. The browser playground takes
// them from what the user uploaded, after Test.CheckCodeSize has checked
// their sizes. Running a test is left to the caller.
package scout
