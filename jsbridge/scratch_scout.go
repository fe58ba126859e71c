//go:build js && wasm

package jsbridge

import (
	"context"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/wasmhost"
)

// runScratchScoutTest runs params.yaml, a Scout test file, with the wasm
// files of params.files ({name: Uint8Array}) in a scratch simulation: a
// new one, on fresh engines of the bridge's kind that also hold the test's
// libraries, as `eeplay scout` makes one per test. The bridge's own
// simulation is not touched, and the scratch one is dropped afterwards.
// The test is parsed and its files checked with parseScoutTest's checks
// and messages; it runs as scout.Test.Run runs it, its blocks on
// params.shardIndex (0 when absent). params.onProgress, if a function, is
// called as onProgress(index, total) before each block.
//
// It returns {executionScripts, postStates, eeIndices, actualStates,
// blocks, passed, stateDifferences, depositDifferences}: the test's
// scripts and expected states, the index each script's EE got in the
// scratch simulation and its state after the blocks, and for each block
// that ran {env, blockIndex, debug, modules} or, rejected, {env, error,
// debug, modules} (debug: the lines the block's EE printed; modules: the
// child modules it loaded); depositDifferences is null when the test
// lists no deposits.
func runScratchScoutTest(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	text, err := stringParam(params, "yaml")
	if err != nil {
		return nil, err
	}
	files, err := wasmFilesParam(params, "files")
	if err != nil {
		return nil, err
	}
	shard, err := shardParam(params, "shardIndex")
	if err != nil {
		return nil, err
	}
	test, err := scout.Parse([]byte(text))
	if err != nil {
		return nil, err
	}
	if err := test.CheckCodeSize(files.size); err != nil {
		return nil, err
	}

	scripts := make([][]byte, len(test.ExecutionScripts))
	for i, path := range test.ExecutionScripts {
		scripts[i] = files.code(path)
	}
	config := b.config
	for _, lib := range test.Libraries {
		config.Libraries = append(config.Libraries, wasmhost.Library{Name: lib.Name, Code: files.code(lib.File)})
	}
	engines, err := startEngines(ctx, config, b.engines.name)
	if err != nil {
		return nil, err
	}
	defer engines.close(ctx)

	opts := scout.RunOptions{Shard: shard}
	if onProgress := params.Get("onProgress"); onProgress.Type() == js.TypeFunction {
		opts.OnBlock = func(index, total int) { onProgress.Invoke(index, total) }
	}
	result, err := test.Run(ctx, core.NewSimulation(engines.engine), scripts, opts)
	if err != nil {
		return nil, err
	}

	blocks := make([]any, len(result.Blocks))
	for i, block := range result.Blocks {
		value := map[string]any{"env": test.Blocks[i].EEIndex, "debug": stringValues(block.Debug()), "modules": childModuleValues(block.Modules())}
		if block.Err != nil {
			value["error"] = block.Err.Error()
		} else {
			value["blockIndex"] = block.Index
		}
		blocks[i] = value
	}
	eeIndices := make([]any, len(result.EEIndices))
	for i, index := range result.EEIndices {
		eeIndices[i] = index
	}
	var depositDifferences any // null: deposits are not checked
	if result.DepositDifferences != nil {
		depositDifferences = stringValues(result.DepositDifferences)
	}
	return map[string]any{
		"executionScripts":   stringValues(test.ExecutionScripts),
		"postStates":         roots(test.PostStates),
		"eeIndices":          eeIndices,
		"actualStates":       roots(result.ActualStates),
		"blocks":             blocks,
		"passed":             result.Passed(),
		"stateDifferences":   stringValues(result.StateDifferences),
		"depositDifferences": depositDifferences,
	}, nil
}

// wasmFiles are the wasm files the user gave with a Scout test, by name,
// not yet copied out of JavaScript.
type wasmFiles struct {
	*givenFiles
	arrays map[string]js.Value
	copied map[string][]byte
}

// wasmFilesParam reads an object of Uint8Arrays by file name, such as
// {"a.wasm": bytes}, copying none of them yet.
func wasmFilesParam(obj js.Value, name string) (*wasmFiles, error) {
	v := obj.Get(name)
	if v.Type() != js.TypeObject || js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil, badParameter("%s: want an object of Uint8Arrays by file name, got %s", name, describe(v))
	}
	keys := js.Global().Get("Object").Call("keys", v)
	files := &wasmFiles{
		givenFiles: &givenFiles{sizes: make(map[string]int64, keys.Length())},
		arrays:     make(map[string]js.Value, keys.Length()),
		copied:     make(map[string][]byte),
	}
	for i := range keys.Length() {
		key := keys.Index(i).String()
		array := v.Get(key)
		if !array.InstanceOf(js.Global().Get("Uint8Array")) {
			return nil, badParameter("%s: %s: want a Uint8Array, got %s", name, key, describe(array))
		}
		files.names = append(files.names, key)
		files.sizes[key] = int64(array.Length())
		files.arrays[key] = array
	}
	return files, nil
}

// code returns the bytes of the file that path names, as size finds it,
// which must have succeeded: copied once, however many entries name it.
func (f *wasmFiles) code(path string) []byte {
	name := fileName(path)
	if b, ok := f.copied[name]; ok {
		return b
	}
	array := f.arrays[name]
	b := make([]byte, array.Length())
	js.CopyBytesToGo(b, array)
	f.copied[name] = b
	return b
}

// shardParam reads a shard's index; absent means shard 0.
func shardParam(obj js.Value, name string) (uint64, error) {
	if obj.Get(name).IsUndefined() {
		return 0, nil
	}
	shard, err := indexParam(obj, name)
	if err != nil {
		return 0, err
	}
	if shard >= core.ShardCount {
		return 0, badParameter("%s: shard %d does not exist: ShardCount is %d", name, shard, core.ShardCount)
	}
	return shard, nil
}
