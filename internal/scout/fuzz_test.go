package scout_test

import (
	"os"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

// FuzzParse checks that Parse never panics, and that what it accepts
// passes the checks it promises: one pre-state per script, blocks only for
// those scripts, libraries with a name and a file, and deposits only when
// checked, and nothing over the core's limits.
func FuzzParse(f *testing.F) {
	f.Add([]byte(validYAML))
	f.Add([]byte(validYAML + "deposit_receipts: []\n"))
	f.Add([]byte(validYAML + "deposit_receipts:\n  - pubkey: \"" + strings.Repeat("11", 48) + "\"\n    withdrawal_credentials: \"" + strings.Repeat("22", 32) + "\"\n    amount: 1\n    signature: \"" + strings.Repeat("33", 96) + "\"\n"))
	f.Add([]byte(strings.Replace(validYAML, "beacon_state:\n", "beacon_state:\n  libraries:\n    - name: mylib\n      file: lib.wasm\n", 1)))
	f.Add([]byte(""))
	f.Add([]byte("beacon_state: [\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	for _, path := range []string{
		"../../scripts/hashchain/hashchain.yaml",
		"../../scripts/helloworld/helloworld.yaml",
		"../../cmd/eeplay/testdata/unquoted.yaml",
	} {
		text, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		test, err := scout.Parse(text)
		if err != nil {
			if test != nil {
				t.Fatalf("Parse returned %+v with error %v", test, err)
			}
			return
		}
		if len(test.ExecutionScripts) == 0 {
			t.Fatal("accepted a test without execution scripts")
		}
		if len(test.PreStates) != len(test.ExecutionScripts) {
			t.Fatalf("accepted %d pre-states for %d scripts", len(test.PreStates), len(test.ExecutionScripts))
		}
		if len(test.ExecutionScripts) > core.MaxExecutionEnvironments {
			t.Fatalf("accepted %d scripts, over MaxExecutionEnvironments", len(test.ExecutionScripts))
		}
		for i, block := range test.Blocks {
			if len(block.Data) > core.MaxTransactionDataSize {
				t.Fatalf("accepted block %d of %d bytes, over MaxTransactionDataSize", i, len(block.Data))
			}
			if block.EEIndex >= uint64(len(test.ExecutionScripts)) {
				t.Fatalf("accepted block %d for EE %d of %d", i, block.EEIndex, len(test.ExecutionScripts))
			}
		}
		for i, lib := range test.Libraries {
			if lib.Name == "" || lib.File == "" {
				t.Fatalf("accepted library %d %+v", i, lib)
			}
		}
		if !test.CheckDeposits && len(test.Deposits) > 0 {
			t.Fatalf("%d deposits, not checked", len(test.Deposits))
		}
		for i, d := range test.Deposits {
			if decoded, ok := scout.DecodeDeposit(d.Encode()); !ok || decoded != d {
				t.Fatalf("deposit %d does not survive Encode and DecodeDeposit", i)
			}
		}
	})
}
