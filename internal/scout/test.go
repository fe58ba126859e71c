package scout

import "github.com/eeplay/eeplay/core"

// Test is a Scout test file, parsed and checked, with the wasm files not
// yet read.
//
// A run creates the EEs of ExecutionScripts, EE i with the initial state
// PreStates[i]; runs each of Blocks as the only transaction of a block on
// shard 0, in order; and then expects PostStates as the states of the EEs
// on shard 0 and, if CheckDeposits, Deposits as the deposits the EEs
// pushed, in order.
type Test struct {
	// ExecutionScripts are the paths of the EEs' wasm files
	// (beacon_state.execution_scripts), as written: a path is relative to
	// the test file unless it is absolute. There is at least one.
	ExecutionScripts []string
	// Libraries are the modules EEs may import from
	// (beacon_state.libraries).
	Libraries []Library
	// PreStates are the EEs' initial states on shard 0
	// (shard_pre_state.exec_env_states), one per script.
	PreStates []core.Root
	// Blocks are the transactions of shard_blocks: env is the EEIndex, of
	// an EE of ExecutionScripts, and data is hex decoded.
	Blocks []core.ShardTransaction
	// PostStates are the EEs' expected states on shard 0 after Blocks
	// (shard_post_state.exec_env_states). They need not be one per
	// script: a different number is a failure of the run, not a mistake
	// in the file.
	PostStates []core.Root
	// CheckDeposits says whether deposit_receipts was given: an empty
	// list expects no deposits, no list checks none.
	CheckDeposits bool
	// Deposits are the expected deposits (deposit_receipts), in the order
	// the EEs push them. It is empty unless CheckDeposits.
	Deposits []Deposit
}

// Library is a module that EEs may import from, an entry of
// beacon_state.libraries.
type Library struct {
	// Name is the module name imports use.
	Name string
	// File is the path of its wasm file, as written, like
	// Test.ExecutionScripts.
	File string
}
