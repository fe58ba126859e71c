// Package core is the eeplay simulation: the Ethereum 2.0 Phase 2 spec types
// with their SSZ encodings, and a Simulation that creates execution
// environments and runs shard blocks through an Engine.
//
// core runs no WebAssembly itself; package wasmhost provides the Engine.
package core

//go:generate go tool sszgen --path . --suffix ssz --objs ShardTransaction,ShardBlock,ExecutionEnvironment,ShardState
