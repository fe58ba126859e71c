package scout_test

import (
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

// TestParseLimits checks that Parse rejects what the core would, before
// decoding it, with a message that names the limit.
func TestParseLimits(t *testing.T) {
	zero := `"` + strings.Repeat("00", 32) + `"`
	manyScripts := "beacon_state:\n  execution_scripts: [" + strings.Repeat("a.wasm, ", core.MaxExecutionEnvironments) + "a.wasm]\n" +
		"shard_pre_state:\n  exec_env_states: [" + strings.Repeat(zero+", ", core.MaxExecutionEnvironments) + zero + "]\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"data one byte over", validWith(t, `data: ""`, `data: "0x`+strings.Repeat("ab", core.MaxTransactionDataSize+1)+`"`),
			"shard_blocks[0].data: 262145 bytes exceed MaxTransactionDataSize (262144 bytes)"},
		{"data far over, in odd digits", validWith(t, `data: ""`, `data: "`+strings.Repeat("a", 3*core.MaxTransactionDataSize+1)+`"`),
			"shard_blocks[0].data: 393217 bytes exceed MaxTransactionDataSize (262144 bytes)"},
		{"too many scripts", manyScripts,
			"beacon_state.execution_scripts has 65537 scripts, over MaxExecutionEnvironments (65536)"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, err := scout.Parse([]byte(test.yaml))
			if err == nil || err.Error() != test.want {
				t.Fatalf("Parse = %v\nwant %s", err, test.want)
			}
		})
	}
	// Exactly at the limit is accepted.
	atLimit := validWith(t, `data: ""`, `data: "`+strings.Repeat("cd", core.MaxTransactionDataSize)+`"`)
	if test, err := scout.Parse([]byte(atLimit)); err != nil || len(test.Blocks[0].Data) != core.MaxTransactionDataSize {
		t.Fatalf("Parse of data at the limit: %v", err)
	}
}
