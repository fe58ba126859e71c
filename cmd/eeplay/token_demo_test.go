package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// elapsedTime matches the times in the demo's block lines, the only part
// of its output that differs between runs.
var elapsedTime = regexp.MustCompile(`[0-9]+\.[0-9] ms`)

// TestTokenDemo runs the demo with hundreds of transfers and altered
// transactions, with both proof approaches on every engine, and checks that
// the provider stayed in sync, that every altered transaction was
// rejected, and that the engines agree on every line.
func TestTokenDemo(t *testing.T) {
	const blocks, transfers, tamperings = 12, 25, 5
	for _, proof := range []string{"multi", "single"} {
		var firstOutput, firstEngine string
		for _, engine := range engines() {
			t.Run(proof+"/"+engine, func(t *testing.T) {
				code, stdout, stderr := runEeplay(t, "token", "demo", "--accounts", "200",
					"--blocks", fmt.Sprint(blocks), "--transfers", fmt.Sprint(transfers),
					"--seed", "7", "--proof", proof, "--tamper", "--engine", engine)
				if code != exitOK || stderr != "" {
					t.Fatalf("exit code %d, stderr %q; stdout:\n%s", code, stderr, stdout)
				}
				lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
				summary := lines[len(lines)-1]
				wantPrefix := fmt.Sprintf("blocks=%d transactions=%d rejected=%d proof_bytes_per_transfer=",
					blocks, blocks*(1+tamperings), blocks*tamperings)
				if !strings.HasPrefix(summary, wantPrefix) || !strings.HasSuffix(summary, " provider_in_sync=true") {
					t.Errorf("summary %q, want %q...provider_in_sync=true", summary, wantPrefix)
				}
				if got := strings.Count(stdout, ": rejected: "); got != blocks*tamperings {
					t.Errorf("%d altered transactions rejected, want %d", got, blocks*tamperings)
				}
				if got := strings.Count(stdout, ", provider in sync\n"); got != blocks {
					t.Errorf("%d blocks in sync, want %d", got, blocks)
				}
				output := elapsedTime.ReplaceAllString(stdout, "(time)")
				if firstOutput == "" {
					firstOutput, firstEngine = output, engine
				} else if output != firstOutput {
					t.Errorf("the output differs from %s's:\n%s\nwant:\n%s", firstEngine, output, firstOutput)
				}
			})
		}
	}
}

// TestTokenDemoRejections checks the messages of the rejected altered
// transactions: each names what is wrong.
func TestTokenDemoRejections(t *testing.T) {
	code, stdout, stderr := runEeplay(t, "token", "demo", "--accounts", "20", "--blocks", "1", "--transfers", "3", "--tamper")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit code %d, stderr %q; stdout:\n%s", code, stderr, stdout)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^  changed proof node: rejected: .*proof does not match the pre-state root`),
		regexp.MustCompile(`(?m)^  false balance: rejected: .*proof does not match the pre-state root`),
		regexp.MustCompile(`(?m)^  overdraft: rejected: .*transfer 0: sender 0x[0-9a-f]{8} has balance [0-9]+, cannot send [0-9]+`),
		regexp.MustCompile(`(?m)^  wrong nonce: rejected: .*transfer 0: nonce 1, but sender 0x[0-9a-f]{8} is at nonce 0`),
		regexp.MustCompile(`(?m)^  truncated encoding: rejected: .*malformed transaction: `),
	} {
		if !want.MatchString(stdout) {
			t.Errorf("no line matches %s in:\n%s", want, stdout)
		}
	}
}

func TestTokenDemoUsageErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{
			name:       "no subcommand",
			args:       []string{"token"},
			wantStderr: "eeplay token: no subcommand given: the token subcommand is demo\nRun 'eeplay token -h' for usage.\n",
		},
		{
			name:       "unknown subcommand",
			args:       []string{"token", "mint"},
			wantStderr: "eeplay token: unknown subcommand \"mint\": the token subcommand is demo\nRun 'eeplay token -h' for usage.\n",
		},
		{
			name:       "no transfers",
			args:       []string{"token", "demo", "--transfers", "0"},
			wantStderr: "eeplay token demo: -transfers must be between 1 and 1024 (MaxTransfers), got 0\nRun 'eeplay token demo -h' for usage.\n",
		},
		{
			name:       "no accounts",
			args:       []string{"token", "demo", "--accounts", "0"},
			wantStderr: "eeplay token demo: random genesis: 0 accounts: want 1 to 65536\nRun 'eeplay token demo -h' for usage.\n",
		},
		{
			name:       "unknown proof approach",
			args:       []string{"token", "demo", "--proof", "zk"},
			wantStderr: "eeplay token demo: invalid value \"zk\" for flag -proof: proof kind \"zk\": want multi or single\nRun 'eeplay token demo -h' for usage.\n",
		},
		{
			name:       "argument",
			args:       []string{"token", "demo", "extra"},
			wantStderr: "eeplay token demo: unexpected argument \"extra\"\nRun 'eeplay token demo -h' for usage.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, tt.args, exitUsage, "", tt.wantStderr)
		})
	}
}
