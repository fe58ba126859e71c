package token

import (
	"context"
	"fmt"
	"time"

	"github.com/eeplay/eeplay/core"
)

// Cost is what one proof approach cost for one batch of transfers, measured
// by running the EE.
type Cost struct {
	// DataBytes is the size of the whole transaction data.
	DataBytes int `json:"dataBytes"`
	// ProofBytes is the part of it that is proof; see Transaction.ProofBytes.
	ProofBytes int `json:"proofBytes"`
	// Ticks are the ticks the EE charged.
	Ticks uint64 `json:"ticks"`
	// Duration is how long the EE ran, on the engine of the program.
	Duration time.Duration `json:"-"`
}

// Add returns the cost of c and other together, field by field.
func (c Cost) Add(other Cost) Cost {
	return Cost{
		DataBytes:  c.DataBytes + other.DataBytes,
		ProofBytes: c.ProofBytes + other.ProofBytes,
		Ticks:      c.Ticks + other.Ticks,
		Duration:   c.Duration + other.Duration,
	}
}

// Comparison is the cost of the same transfers, on the same state, with
// each proof approach.
type Comparison struct {
	Transfers int  `json:"transfers"`
	Multi     Cost `json:"multi"`
	Single    Cost `json:"single"`
}

// Compare builds the transaction for transfers with each proof approach
// against tree, and runs each on program, the compiled token EE, from
// tree's root. It changes nothing: the runs are not part of any block. It
// fails if either run fails or the two disagree on the new root.
func Compare(ctx context.Context, program core.Program, tree *Tree, transfers []Transfer) (Comparison, error) {
	comparison := Comparison{Transfers: len(transfers)}
	var postStates [2]core.Root
	for i, kind := range []ProofKind{ProofMulti, ProofSingle} {
		cost, postState, err := measure(ctx, program, tree, kind, transfers)
		if err != nil {
			return Comparison{}, fmt.Errorf("compare proofs: %s: %w", kind, err)
		}
		postStates[i] = postState
		if kind == ProofMulti {
			comparison.Multi = cost
		} else {
			comparison.Single = cost
		}
	}
	if postStates[0] != postStates[1] {
		return Comparison{}, fmt.Errorf("compare proofs: multi gives root %s but single gives %s", postStates[0], postStates[1])
	}
	return comparison, nil
}

// measure runs the transaction of kind for transfers on program and
// returns its cost and the new root.
func measure(ctx context.Context, program core.Program, tree *Tree, kind ProofKind, transfers []Transfer) (Cost, core.Root, error) {
	tx, err := Prove(tree, kind, transfers)
	if err != nil {
		return Cost{}, core.Root{}, err
	}
	data, err := tx.Encode()
	if err != nil {
		return Cost{}, core.Root{}, err
	}
	start := time.Now()
	receipt, err := program.Execute(ctx, tree.Root(), data)
	elapsed := time.Since(start)
	if err != nil {
		return Cost{}, core.Root{}, err
	}
	cost := Cost{DataBytes: len(data), ProofBytes: tx.ProofBytes(), Ticks: receipt.Ticks, Duration: elapsed}
	return cost, receipt.PostState, nil
}
