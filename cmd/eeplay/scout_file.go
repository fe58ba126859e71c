package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// scoutYAML is a test file in Scout's format, as written. Keys it does not
// know are ignored, as Scout does.
type scoutYAML struct {
	BeaconState struct {
		ExecutionScripts []string `yaml:"execution_scripts"`
		Libraries        []struct {
			Name string `yaml:"name"`
			File string `yaml:"file"`
		} `yaml:"libraries"`
	} `yaml:"beacon_state"`
	ShardPreState struct {
		ExecEnvStates []string `yaml:"exec_env_states"`
	} `yaml:"shard_pre_state"`
	ShardBlocks []struct {
		Env  uint64 `yaml:"env"`
		Data string `yaml:"data"`
	} `yaml:"shard_blocks"`
	ShardPostState struct {
		ExecEnvStates []string `yaml:"exec_env_states"`
	} `yaml:"shard_post_state"`
	// DepositReceipts is a pointer so that an empty list, which expects
	// no deposits, differs from no list, which checks none.
	DepositReceipts *[]struct {
		Pubkey                string `yaml:"pubkey"`
		WithdrawalCredentials string `yaml:"withdrawal_credentials"`
		Amount                uint64 `yaml:"amount"`
		Signature             string `yaml:"signature"`
	} `yaml:"deposit_receipts"`
}

// scoutTest is a Scout test file loaded and checked: hex decoded, wasm
// read.
type scoutTest struct {
	// scripts[i] is the code of EE i, with initial state preStates[i].
	scripts   [][]byte
	preStates []core.Root
	libraries []wasmhost.Library
	// blocks are run in order, each as the only transaction of a block on
	// shard 0.
	blocks     []core.ShardTransaction
	postStates []core.Root
	// deposits are checked only if checkDeposits.
	checkDeposits bool
	deposits      []deposit
}

// loadScoutTest reads the Scout test file at path. Wasm paths in it are
// relative to its directory.
func loadScoutTest(path string) (*scoutTest, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file scoutYAML
	if err := yaml.Unmarshal(text, &file); err != nil {
		return nil, err
	}
	return file.load(filepath.Dir(path))
}

// load checks f and reads the wasm files it names, relative to dir.
func (f *scoutYAML) load(dir string) (*scoutTest, error) {
	scripts := f.BeaconState.ExecutionScripts
	preStates := f.ShardPreState.ExecEnvStates
	// Without scripts there is nothing to test: most likely not a Scout
	// file at all.
	if len(scripts) == 0 {
		return nil, fmt.Errorf("beacon_state.execution_scripts is empty or missing")
	}
	if len(preStates) != len(scripts) {
		return nil, fmt.Errorf("shard_pre_state.exec_env_states has %d states for %d execution_scripts: want one per script", len(preStates), len(scripts))
	}

	t := &scoutTest{}
	for i, script := range scripts {
		code, err := readRelative(dir, script)
		if err != nil {
			return nil, fmt.Errorf("beacon_state.execution_scripts[%d]: %w", i, err)
		}
		t.scripts = append(t.scripts, code)
	}
	for i, lib := range f.BeaconState.Libraries {
		if lib.Name == "" || lib.File == "" {
			return nil, fmt.Errorf("beacon_state.libraries[%d]: want both name and file", i)
		}
		code, err := readRelative(dir, lib.File)
		if err != nil {
			return nil, fmt.Errorf("beacon_state.libraries[%d]: %w", i, err)
		}
		t.libraries = append(t.libraries, wasmhost.Library{Name: lib.Name, Code: code})
	}

	var err error
	if t.preStates, err = parseRoots("shard_pre_state.exec_env_states", preStates); err != nil {
		return nil, err
	}
	if t.postStates, err = parseRoots("shard_post_state.exec_env_states", f.ShardPostState.ExecEnvStates); err != nil {
		return nil, err
	}

	for i, block := range f.ShardBlocks {
		// An EE that does not exist is a mistake in the file, not a block
		// for the EE to reject.
		if block.Env >= uint64(len(scripts)) {
			return nil, fmt.Errorf("shard_blocks[%d].env: no execution environment %d: execution_scripts has %d", i, block.Env, len(scripts))
		}
		data, err := core.ParseHex(stripSpace(block.Data))
		if err != nil {
			return nil, fmt.Errorf("shard_blocks[%d].data: %w", i, err)
		}
		t.blocks = append(t.blocks, core.ShardTransaction{Data: data, EEIndex: block.Env})
	}

	if f.DepositReceipts != nil {
		t.checkDeposits = true
		for i, d := range *f.DepositReceipts {
			name := fmt.Sprintf("deposit_receipts[%d]", i)
			var dep deposit
			if err := parseFixedHex(name+".pubkey", d.Pubkey, dep.pubkey[:]); err != nil {
				return nil, err
			}
			if err := parseFixedHex(name+".withdrawal_credentials", d.WithdrawalCredentials, dep.withdrawalCredentials[:]); err != nil {
				return nil, err
			}
			if err := parseFixedHex(name+".signature", d.Signature, dep.signature[:]); err != nil {
				return nil, err
			}
			dep.amount = d.Amount
			t.deposits = append(t.deposits, dep)
		}
	}
	return t, nil
}

// readRelative reads the file at path, which is relative to dir unless it
// is absolute.
func readRelative(dir, path string) ([]byte, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	return os.ReadFile(path)
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
