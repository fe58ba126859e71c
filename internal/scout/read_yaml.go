package scout

import (
	"fmt"
	"strconv"
	"strings"
)

// readTestYAML maps root, a parsed test file, onto the fields of Scout's
// format, ignoring keys it does not know. As a YAML decoder would, it
// takes null for an empty value: no list, an empty string or zero.
func readTestYAML(root *yamlNode) (*testYAML, error) {
	f := &testYAML{}
	top, err := yamlMappingOf(root, "the file")
	if err != nil {
		return nil, err
	}
	beacon, err := yamlMappingOf(top.get("beacon_state"), "beacon_state")
	if err != nil {
		return nil, err
	}
	if f.BeaconState.ExecutionScripts, err = yamlStrings(beacon.get("execution_scripts"), "beacon_state.execution_scripts"); err != nil {
		return nil, err
	}
	libraries, err := yamlList(beacon.get("libraries"), "beacon_state.libraries")
	if err != nil {
		return nil, err
	}
	for i, n := range libraries {
		name := fmt.Sprintf("beacon_state.libraries[%d]", i)
		lib, err := yamlMappingOf(n, name)
		if err != nil {
			return nil, err
		}
		f.BeaconState.Libraries = append(f.BeaconState.Libraries, struct{ Name, File string }{})
		l := &f.BeaconState.Libraries[i]
		if l.Name, err = yamlString(lib.get("name"), name+".name"); err != nil {
			return nil, err
		}
		if l.File, err = yamlString(lib.get("file"), name+".file"); err != nil {
			return nil, err
		}
	}
	if f.ShardPreState.ExecEnvStates, err = yamlStates(top, "shard_pre_state"); err != nil {
		return nil, err
	}
	if f.ShardPostState.ExecEnvStates, err = yamlStates(top, "shard_post_state"); err != nil {
		return nil, err
	}
	blocks, err := yamlList(top.get("shard_blocks"), "shard_blocks")
	if err != nil {
		return nil, err
	}
	for i, n := range blocks {
		name := fmt.Sprintf("shard_blocks[%d]", i)
		block, err := yamlMappingOf(n, name)
		if err != nil {
			return nil, err
		}
		f.ShardBlocks = append(f.ShardBlocks, struct {
			Env  uint64
			Data string
		}{})
		b := &f.ShardBlocks[i]
		if b.Env, err = yamlUint(block.get("env"), name+".env"); err != nil {
			return nil, err
		}
		if b.Data, err = yamlString(block.get("data"), name+".data"); err != nil {
			return nil, err
		}
	}
	if n := top.get("deposit_receipts"); n != nil && !n.isNull() {
		receipts, err := yamlList(n, "deposit_receipts")
		if err != nil {
			return nil, err
		}
		deposits := make([]yamlDeposit, len(receipts))
		for i, n := range receipts {
			name := fmt.Sprintf("deposit_receipts[%d]", i)
			d, err := yamlMappingOf(n, name)
			if err != nil {
				return nil, err
			}
			dep := &deposits[i]
			if dep.Pubkey, err = yamlString(d.get("pubkey"), name+".pubkey"); err != nil {
				return nil, err
			}
			if dep.WithdrawalCredentials, err = yamlString(d.get("withdrawal_credentials"), name+".withdrawal_credentials"); err != nil {
				return nil, err
			}
			if dep.Amount, err = yamlUint(d.get("amount"), name+".amount"); err != nil {
				return nil, err
			}
			if dep.Signature, err = yamlString(d.get("signature"), name+".signature"); err != nil {
				return nil, err
			}
		}
		f.DepositReceipts = &deposits
	}
	return f, nil
}

// yamlStates returns the exec_env_states of the mapping key of top.
func yamlStates(top *yamlNode, key string) ([]string, error) {
	state, err := yamlMappingOf(top.get(key), key)
	if err != nil {
		return nil, err
	}
	return yamlStrings(state.get("exec_env_states"), key+".exec_env_states")
}

// yamlGot describes n for a message about a value of the wrong kind.
func yamlGot(n *yamlNode) string {
	switch n.kind {
	case yamlSequence:
		return "a list"
	case yamlMapping:
		return "a mapping"
	}
	return strconv.Quote(n.value)
}

// yamlMappingOf returns n, the field name, as a mapping: an empty one if
// n is absent or null.
func yamlMappingOf(n *yamlNode, name string) (*yamlNode, error) {
	switch {
	case n == nil || n.isNull():
		return &yamlNode{kind: yamlMapping}, nil
	case n.kind != yamlMapping:
		return nil, yamlError(n.line, "%s: want a mapping, got %s", name, yamlGot(n))
	}
	return n, nil
}

// yamlList returns the items of n, the field name, a list; none if n is
// absent or null. A null item is no item, as the YAML decoder this format
// was first read with took it (so "-" alone adds no block).
func yamlList(n *yamlNode, name string) ([]*yamlNode, error) {
	switch {
	case n == nil || n.isNull():
		return nil, nil
	case n.kind != yamlSequence:
		return nil, yamlError(n.line, "%s: want a list, got %s", name, yamlGot(n))
	}
	items := make([]*yamlNode, 0, len(n.items))
	for _, item := range n.items {
		if !item.isNull() {
			items = append(items, item)
		}
	}
	return items, nil
}

// yamlStrings returns n, the field name, as a list of strings.
func yamlStrings(n *yamlNode, name string) ([]string, error) {
	items, err := yamlList(n, name)
	if err != nil || items == nil {
		return nil, err
	}
	list := make([]string, len(items))
	for i, item := range items {
		if list[i], err = yamlString(item, fmt.Sprintf("%s[%d]", name, i)); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// yamlString returns n, the field name, as text as written, even digits
// that YAML would read as a number: roots and hex are strings. Absent or
// null is empty.
func yamlString(n *yamlNode, name string) (string, error) {
	switch {
	case n == nil || n.isNull():
		return "", nil
	case n.kind != yamlScalar:
		return "", yamlError(n.line, "%s: want a string, got %s", name, yamlGot(n))
	}
	return n.value, nil
}

// yamlUint returns n, the field name, as an unsigned integer written
// without quotes, in decimal or with 0x, 0o or 0b as YAML allows; absent
// or null is zero.
func yamlUint(n *yamlNode, name string) (uint64, error) {
	if n == nil || n.isNull() {
		return 0, nil
	}
	if n.kind == yamlScalar && n.plain {
		digits := strings.ReplaceAll(strings.TrimPrefix(n.value, "+"), "_", "")
		if v, err := strconv.ParseUint(digits, 0, 64); err == nil {
			return v, nil
		}
	}
	return 0, yamlError(n.line, "%s: want an unsigned integer, got %s", name, yamlGot(n))
}
