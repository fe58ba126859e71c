package token_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// tokenProgram compiles the token EE (scripts/token).
func tokenProgram(t *testing.T) core.Program {
	t.Helper()
	program, err := newEngine(t, wasmhost.Config{}).Compile(context.Background(), scripts.Token)
	if err != nil {
		t.Fatalf("compile the token EE: %v", err)
	}
	return program
}

// compareWithEE runs data on the EE and through Process and reports any
// difference: post-state, logs, ticks, error message.
func compareWithEE(t *testing.T, program core.Program, name string, preState core.Root, data []byte) {
	t.Helper()
	receipt, eeErr := program.Execute(context.Background(), preState, data)
	res, err := token.Process(preState, data)
	if (err == nil) != (eeErr == nil) {
		t.Errorf("%s: the EE says %v, Process %v", name, eeErr, err)
		return
	}
	if err != nil {
		// The EE's error is "abort: <message> at <file>:<line>:<column>".
		if !strings.HasPrefix(eeErr.Error(), "abort: "+err.Error()+" at ") {
			t.Errorf("%s: the EE fails with\n  %v\nProcess with\n  %v", name, eeErr, err)
		}
	} else {
		var logs []core.HexBytes
		for _, a := range res.Logs {
			logs = append(logs, append(append(le32(uint32(a.Address)), le64(a.Nonce)...), le64(a.Balance)...))
		}
		if receipt.PostState != res.PostState {
			t.Errorf("%s: the EE's post-state %v, Process %v", name, receipt.PostState, res.PostState)
		}
		if !slices.EqualFunc(receipt.Logs, logs, func(a, b core.HexBytes) bool { return string(a) == string(b) }) {
			t.Errorf("%s: the EE's logs %v, Process %v", name, receipt.Logs, logs)
		}
	}
	if receipt.Ticks != res.Ticks {
		t.Errorf("%s: the EE charged %d ticks, Process %d (error %v)", name, receipt.Ticks, res.Ticks, err)
	}
}

func le64(v uint64) []byte {
	return append(le32(uint32(v)), le32(uint32(v>>32))...)
}

// TestProcessMatchesEE runs transactions on the AssemblyScript EE and
// through Process, which must agree byte for byte: every documented
// failure, random batches, their tamperings and random changes to their
// bytes.
func TestProcessMatchesEE(t *testing.T) {
	program := tokenProgram(t)
	for _, c := range decodeErrorCases() {
		compareWithEE(t, program, "decoding: "+c.name, token.EmptyRoot, c.data)
	}
	for _, c := range processErrorCases(t) {
		compareWithEE(t, program, c.name, c.preState, c.data)
	}
	rng := rand.New(rand.NewPCG(23, 24))
	for round := range 10 {
		tree := mustTree(t, randomGenesis(rng, 2+rng.IntN(20)))
		for batch := range 3 {
			transfers := randomTransfers(rng, tree, 1+rng.IntN(8))
			for _, kind := range kinds {
				tx := mustProve(t, tree, kind, transfers)
				data := mustEncode(t, tx)
				name := fmt.Sprintf("round %d, batch %d, %v", round, batch, kind)
				compareWithEE(t, program, name, tree.Root(), data)
				for _, c := range tamperings(t, rng, tree, tx, data) {
					compareWithEE(t, program, name+", "+c.name, tree.Root(), c.data)
				}
				for range 20 {
					mutated := slices.Clone(data)
					at := rng.IntN(len(mutated))
					mutated[at] = byte(rng.Uint32())
					compareWithEE(t, program, fmt.Sprintf("%s, byte %d set to %d", name, at, mutated[at]), tree.Root(), mutated)
				}
				cut := rng.IntN(len(data))
				compareWithEE(t, program, fmt.Sprintf("%s, cut to %d bytes", name, cut), tree.Root(), data[:cut])
			}
			tree, _ = applyTransfers(t, tree, transfers)
		}
	}
}
