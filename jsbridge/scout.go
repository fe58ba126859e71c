//go:build js && wasm

package jsbridge

import (
	"context"
	"fmt"
	"strings"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

// parseScoutTest parses params.yaml, a Scout test file, with the checks and
// messages of `eeplay scout`, and checks the wasm files it names against
// params.fileSizes, the sizes of the files the user gave, by name: each
// must be there, within the limits of scout.Test.CheckCodeSize, before the
// page creates any EE. It returns the test with scriptFiles, the name of
// each script's file; the page runs the test through the core's methods.
func parseScoutTest(_ context.Context, _ *Bridge, params js.Value) (any, error) {
	text, err := stringParam(params, "yaml")
	if err != nil {
		return nil, err
	}
	files, err := givenFilesParam(params, "fileSizes")
	if err != nil {
		return nil, err
	}
	test, err := scout.Parse([]byte(text))
	if err != nil {
		return nil, err
	}
	// Said before their files are looked for: giving them would not help.
	if len(test.Libraries) > 0 {
		names := make([]string, len(test.Libraries))
		for i, lib := range test.Libraries {
			names[i] = lib.Name
		}
		return nil, fmt.Errorf("beacon_state.libraries: the page cannot run Scout libraries yet (%s); run this test with `eeplay scout`", strings.Join(names, ", "))
	}
	if err := test.CheckCodeSize(files.size); err != nil {
		return nil, err
	}
	scriptFiles := make([]any, len(test.ExecutionScripts))
	for i, script := range test.ExecutionScripts {
		scriptFiles[i] = fileName(script)
	}
	blocks := make([]any, len(test.Blocks))
	for i, tx := range test.Blocks {
		blocks[i] = map[string]any{"eeIndex": tx.EEIndex, "data": uint8Array(tx.Data)}
	}
	var deposits any // null: deposits are not checked
	if test.CheckDeposits {
		encoded := make([]any, len(test.Deposits))
		for i, d := range test.Deposits {
			encoded[i] = uint8Array(d.Encode())
		}
		deposits = encoded
	}
	return map[string]any{
		"executionScripts": stringValues(test.ExecutionScripts),
		"scriptFiles":      scriptFiles,
		"preStates":        roots(test.PreStates),
		"blocks":           blocks,
		"postStates":       roots(test.PostStates),
		"deposits":         deposits,
	}, nil
}

// judgeScoutTest says whether a Scout test the page ran passed, with the
// checks and messages of `eeplay scout` (scout.DiffStates,
// scout.DiffDeposits). params.expectedStates and params.expectedDeposits
// are parseScoutTest's postStates and deposits (null: the test lists no
// deposits, which are then not checked); params.actualStates are the
// states of the test's EEs after its blocks, in order; params.pushedDeposits
// are the deposits the blocks pushed, in order, and params.pushedBy names
// the block of each, such as "shard_blocks[3]". It returns {passed,
// stateDifferences, depositDifferences}, the last null when deposits are
// not checked.
func judgeScoutTest(_ context.Context, _ *Bridge, params js.Value) (any, error) {
	expected, err := rootsParam(params, "expectedStates")
	if err != nil {
		return nil, err
	}
	actual, err := rootsParam(params, "actualStates")
	if err != nil {
		return nil, err
	}
	checkDeposits := !params.Get("expectedDeposits").IsNull()
	var expectedDeposits []scout.Deposit
	if checkDeposits {
		encoded, err := byteStringsParam(params, "expectedDeposits")
		if err != nil {
			return nil, err
		}
		for i, e := range encoded {
			d, ok := scout.DecodeDeposit(e)
			if !ok {
				return nil, badParameter("expectedDeposits[%d]: want a %d-byte deposit, got %d bytes", i, scout.DepositSize, len(e))
			}
			expectedDeposits = append(expectedDeposits, d)
		}
	}
	pushed, err := byteStringsParam(params, "pushedDeposits")
	if err != nil {
		return nil, err
	}
	pushedBy, err := stringsParam(params, "pushedBy")
	if err != nil {
		return nil, err
	}
	if len(pushedBy) != len(pushed) {
		return nil, badParameter("pushedBy: want the block of each of the %d pushed deposits, got %d", len(pushed), len(pushedBy))
	}
	stateDiffs := scout.DiffStates(expected, actual)
	result := map[string]any{"stateDifferences": stringValues(stateDiffs), "depositDifferences": nil}
	passed := len(stateDiffs) == 0
	if checkDeposits {
		depositDiffs := scout.DiffDeposits(expectedDeposits, pushed, pushedBy)
		result["depositDifferences"] = stringValues(depositDiffs)
		passed = passed && len(depositDiffs) == 0
	}
	result["passed"] = passed
	return result, nil
}

// rootsParam reads an array of roots, each a 0x-prefixed hex string.
func rootsParam(obj js.Value, name string) ([]core.Root, error) {
	var roots []core.Root
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeString {
			return badParameter("%s: want a root as a hex string, got %s", name, describe(element))
		}
		root, err := core.ParseRoot(element.String())
		if err != nil {
			return badParameter("%s: %w", name, err)
		}
		roots = append(roots, root)
		return nil
	})
	return roots, err
}

// stringsParam reads an array of strings.
func stringsParam(obj js.Value, name string) ([]string, error) {
	var list []string
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeString {
			return badParameter("%s: want a string, got %s", name, describe(element))
		}
		list = append(list, element.String())
		return nil
	})
	return list, err
}

// givenFiles are the wasm files the user gave with a Scout test: their
// names, in the order given, and their sizes.
type givenFiles struct {
	names []string
	sizes map[string]int64
}

// givenFilesParam reads an object of file sizes by file name, such as
// {"a.wasm": 2048}.
func givenFilesParam(obj js.Value, name string) (*givenFiles, error) {
	v := obj.Get(name)
	if v.Type() != js.TypeObject || js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil, badParameter("%s: want an object of file sizes by name, got %s", name, describe(v))
	}
	keys := js.Global().Get("Object").Call("keys", v)
	files := &givenFiles{sizes: make(map[string]int64, keys.Length())}
	for i := range keys.Length() {
		key := keys.Index(i).String()
		size, err := indexParam(v, key)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files.names = append(files.names, key)
		files.sizes[key] = int64(size)
	}
	return files, nil
}

// size returns the size of the file that path, as a test writes it,
// names: the one given under its last element, since the files the user
// gives come without their directories.
func (f *givenFiles) size(path string) (int64, error) {
	name := fileName(path)
	size, ok := f.sizes[name]
	if !ok {
		given := "none"
		if len(f.names) > 0 {
			given = strings.Join(f.names, ", ")
		}
		return 0, fmt.Errorf("no file named %s among the files given (%s)", name, given)
	}
	return size, nil
}

// fileName is the last element of path, split at slashes and backslashes
// alike, whichever system wrote the test.
func fileName(path string) string {
	return path[strings.LastIndexAny(path, `/\`)+1:]
}
