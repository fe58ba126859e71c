package scout

import (
	"fmt"

	"github.com/eeplay/eeplay/core"
)

// DiffStates describes how the actual states of the EEs on shard 0 differ
// from those expected (Test.PostStates), one line per difference, such as
// "exec_env_states[1]: expected 0x..., actual 0x..."; it returns nil when
// they are equal.
func DiffStates(expected, actual []core.Root) []string {
	var diffs []string
	if len(expected) != len(actual) {
		diffs = append(diffs, fmt.Sprintf("expected %d exec_env_states, actual %d", len(expected), len(actual)))
	}
	for i := range max(len(expected), len(actual)) {
		switch {
		case i >= len(actual):
			diffs = append(diffs, fmt.Sprintf("exec_env_states[%d]: expected %v, actual none", i, expected[i]))
		case i >= len(expected):
			diffs = append(diffs, fmt.Sprintf("exec_env_states[%d]: expected none, actual %v", i, actual[i]))
		case expected[i] != actual[i]:
			diffs = append(diffs, fmt.Sprintf("exec_env_states[%d]: expected %v, actual %v", i, expected[i], actual[i]))
		}
	}
	return diffs
}
