package main

import (
	"fmt"
	"os"
	"strings"
)

// writeScoutTest writes the demo's run to path as a Scout YAML test of the
// token EE: the genesis root, each accepted transaction as one block, and
// the final root. Scout, or eeplay scout, can then replay it without the
// provider.
func (d *tokenDemo) writeScoutTest(path string, flags *tokenDemoFlags) error {
	final, err := d.sim.GetExecutionEnvironmentState(d.provider.EEIndex(), tokenDemoShard)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# The token EE (docs/token.md): %d blocks of %d transfers among %d accounts\n", len(d.accepted), flags.transfers, flags.accounts)
	fmt.Fprintf(&b, "# with %s proofs, written by:\n", d.kind)
	fmt.Fprintf(&b, "#   eeplay token demo --accounts %d --blocks %d --transfers %d --seed %d --proof %s --scout FILE\n",
		flags.accounts, flags.blocks, flags.transfers, flags.seed, d.kind)
	b.WriteString("beacon_state:\n  execution_scripts:\n    - token.wasm\n")
	fmt.Fprintf(&b, "shard_pre_state:\n  exec_env_states:\n    - %q\n", d.provider.GenesisRoot().String()[2:])
	b.WriteString("shard_blocks:\n")
	for _, data := range d.accepted {
		fmt.Fprintf(&b, "  - env: 0\n    data: \"%x\"\n", data)
	}
	fmt.Fprintf(&b, "shard_post_state:\n  exec_env_states:\n    - %q\n", final.String()[2:])
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("writing the Scout test: %w", err)
	}
	return nil
}
