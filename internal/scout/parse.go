package scout

import (
	"fmt"
	"strings"

	"github.com/eeplay/eeplay/core"
)

// testYAML is a test file in Scout's format, as written.
type testYAML struct {
	BeaconState struct {
		ExecutionScripts []string
		Libraries        []struct{ Name, File string }
	}
	ShardPreState struct {
		ExecEnvStates []string
	}
	ShardBlocks []struct {
		Env  uint64
		Data string
	}
	ShardPostState struct {
		ExecEnvStates []string
	}
	// DepositReceipts is a pointer so that an empty list, which expects
	// no deposits, differs from no list (or null), which checks none.
	DepositReceipts *[]yamlDeposit
}

// yamlDeposit is a deposit receipt as written.
type yamlDeposit struct {
	Pubkey                string
	WithdrawalCredentials string
	Amount                uint64
	Signature             string
}

// Parse parses and checks text, a test file in Scout's format. Keys it
// does not know are ignored, as Scout does. Hex may be quoted or not, with
// or without 0x, and broken across lines.
//
// The errors name the YAML field at fault, such as
// "shard_blocks[0].data: parse hex ...", and the line when the YAML does
// not parse or holds a value of the wrong kind ("yaml: line 8: ..."); they
// do not name the file, which the caller knows.
func Parse(text []byte) (*Test, error) {
	root, err := parseYAML(text)
	if err != nil {
		return nil, err
	}
	f, err := readTestYAML(root)
	if err != nil {
		return nil, err
	}
	return f.check()
}

// check checks f and converts it to a Test.
func (f *testYAML) check() (*Test, error) {
	scripts := f.BeaconState.ExecutionScripts
	preStates := f.ShardPreState.ExecEnvStates
	// Without scripts there is nothing to test: most likely not a Scout
	// file at all.
	if len(scripts) == 0 {
		return nil, fmt.Errorf("beacon_state.execution_scripts is empty or missing")
	}
	if len(scripts) > core.MaxExecutionEnvironments {
		return nil, fmt.Errorf("beacon_state.execution_scripts has %d scripts, over MaxExecutionEnvironments (%d)", len(scripts), core.MaxExecutionEnvironments)
	}
	if len(preStates) != len(scripts) {
		return nil, fmt.Errorf("shard_pre_state.exec_env_states has %d states for %d execution_scripts: want one per script", len(preStates), len(scripts))
	}

	t := &Test{ExecutionScripts: scripts}
	for i, lib := range f.BeaconState.Libraries {
		if lib.Name == "" || lib.File == "" {
			return nil, fmt.Errorf("beacon_state.libraries[%d]: want both name and file", i)
		}
		t.Libraries = append(t.Libraries, Library{Name: lib.Name, File: lib.File})
	}

	var err error
	if t.PreStates, err = parseRoots("shard_pre_state.exec_env_states", preStates); err != nil {
		return nil, err
	}
	if t.PostStates, err = parseRoots("shard_post_state.exec_env_states", f.ShardPostState.ExecEnvStates); err != nil {
		return nil, err
	}

	for i, block := range f.ShardBlocks {
		// An EE that does not exist is a mistake in the file, not a block
		// for the EE to reject.
		if block.Env >= uint64(len(scripts)) {
			return nil, fmt.Errorf("shard_blocks[%d].env: no execution environment %d: execution_scripts has %d", i, block.Env, len(scripts))
		}
		hexData := stripSpace(block.Data)
		// Checked before decoding, by the number of hex digits.
		if digits := len(strings.TrimPrefix(strings.TrimPrefix(hexData, "0x"), "0X")); digits > 2*core.MaxTransactionDataSize {
			return nil, fmt.Errorf("shard_blocks[%d].data: %d bytes exceed MaxTransactionDataSize (%d bytes)", i, (digits+1)/2, core.MaxTransactionDataSize)
		}
		data, err := core.ParseHex(hexData)
		if err != nil {
			return nil, fmt.Errorf("shard_blocks[%d].data: %w", i, err)
		}
		t.Blocks = append(t.Blocks, core.ShardTransaction{Data: data, EEIndex: block.Env})
	}

	if f.DepositReceipts != nil {
		t.CheckDeposits = true
		for i, d := range *f.DepositReceipts {
			name := fmt.Sprintf("deposit_receipts[%d]", i)
			dep := Deposit{Amount: d.Amount}
			if err := parseFixedHex(name+".pubkey", d.Pubkey, dep.Pubkey[:]); err != nil {
				return nil, err
			}
			if err := parseFixedHex(name+".withdrawal_credentials", d.WithdrawalCredentials, dep.WithdrawalCredentials[:]); err != nil {
				return nil, err
			}
			if err := parseFixedHex(name+".signature", d.Signature, dep.Signature[:]); err != nil {
				return nil, err
			}
			t.Deposits = append(t.Deposits, dep)
		}
	}
	return t, nil
}

// parseRoots parses the roots of the YAML list name.
func parseRoots(name string, list []string) ([]core.Root, error) {
	roots := make([]core.Root, len(list))
	for i, s := range list {
		root, err := core.ParseRoot(stripSpace(s))
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		roots[i] = root
	}
	return roots, nil
}

// parseFixedHex parses the hex of field name into dst, which it must fill
// exactly.
func parseFixedHex(name, s string, dst []byte) error {
	b, err := core.ParseHex(stripSpace(s))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(b) != len(dst) {
		return fmt.Errorf("%s: want %d bytes, got %d", name, len(dst), len(b))
	}
	copy(dst, b)
	return nil
}

// stripSpace removes all white space from s: YAML folded scalars (>-)
// break long hex across lines.
func stripSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}
