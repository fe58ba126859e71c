package token_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// batch is one transaction of the benchmark, with the state it runs on.
type batch struct {
	preState   core.Root
	data       []byte
	transfers  int
	proofBytes int
	ticks      uint64
}

// benchmarkBatches returns count transactions of transfers random
// transfers each among accounts accounts, each built on the state the one
// before leaves, the same for every proof approach.
func benchmarkBatches(b *testing.B, kind token.ProofKind, accounts, count, transfers int) []batch {
	b.Helper()
	genesis, err := token.RandomGenesis(1, accounts)
	if err != nil {
		b.Fatal(err)
	}
	tree, err := token.NewTree(genesis)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	var batches []batch
	for range count {
		requests, err := token.RandomTransfers(rng, tree.Accounts(), transfers)
		if err != nil {
			b.Fatal(err)
		}
		provider, err := token.NewProvider(tree.Accounts(), 0, 0)
		if err != nil {
			b.Fatal(err)
		}
		tx, err := provider.Build(kind, requests)
		if err != nil {
			b.Fatal(err)
		}
		data, err := tx.Encode()
		if err != nil {
			b.Fatal(err)
		}
		result, err := token.Process(tree.Root(), data)
		if err != nil {
			b.Fatal(err)
		}
		batches = append(batches, batch{preState: tree.Root(), data: data, transfers: len(tx.Transfers), proofBytes: tx.ProofBytes(), ticks: result.Ticks})
		for _, account := range result.Logs {
			tree.Set(account)
		}
	}
	return batches
}

// BenchmarkTransfers runs batches of 64 transfers among 1,000 accounts on
// the token EE with each proof approach and engine, and reports transfers
// per second, proof bytes per transfer and ticks per transfer.
//
//	go test -run '^$' -bench Transfers -count 6 ./token
func BenchmarkTransfers(b *testing.B) {
	const accounts, batchCount, transfersPerBatch = 1000, 16, 64
	ctx := context.Background()
	for _, kind := range []token.ProofKind{token.ProofMulti, token.ProofSingle} {
		batches := benchmarkBatches(b, kind, accounts, batchCount, transfersPerBatch)
		for _, engineKind := range []wasmhost.EngineKind{wasmhost.Compiler, wasmhost.Interpreter} {
			b.Run(kind.String()+"/"+string(engineKind), func(b *testing.B) {
				if engineKind == wasmhost.Compiler && wasmhost.DefaultEngineKind() != wasmhost.Compiler {
					b.Skip("wazero's compiler does not run on this platform")
				}
				program, err := newEngine(b, wasmhost.Config{Engine: engineKind}).Compile(ctx, scripts.Token)
				if err != nil {
					b.Fatal(err)
				}
				transfersRun := 0
				for i := 0; b.Loop(); i++ {
					batch := batches[i%len(batches)]
					if _, err := program.Execute(ctx, batch.preState, batch.data); err != nil {
						b.Fatal(err)
					}
					transfersRun += batch.transfers
				}
				b.ReportMetric(float64(transfersRun)/b.Elapsed().Seconds(), "transfers/s")
				// Sizes and ticks over every batch, not the ones the loop
				// happened to reach, so that they are the same every run.
				var transfers, proofBytes int
				var ticks uint64
				for _, batch := range batches {
					transfers += batch.transfers
					proofBytes += batch.proofBytes
					ticks += batch.ticks
				}
				b.ReportMetric(float64(proofBytes)/float64(transfers), "proof-bytes/transfer")
				b.ReportMetric(float64(ticks)/float64(transfers), "ticks/transfer")
			})
		}
	}
}
