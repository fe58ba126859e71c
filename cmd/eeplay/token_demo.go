package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/cliflags"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// tokenDemoShard is the shard the demo runs on; the token works the same on
// every shard.
const tokenDemoShard = 0

// tokenDemoUsage writes the token demo command's help.
func tokenDemoUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: eeplay token demo [--accounts N] [--blocks B] [--transfers T] [--seed S] [--proof multi|single] [--tamper] [flags]

Demo runs the token EE on a fresh simulation: a genesis of N funded
accounts, then B blocks on shard 0, each one transaction of T random
transfers whose proof the state provider builds. After every block the
provider replays the EE's logs and checks its root against the EE's state.
The same seed gives the same accounts and transfers.

It prints one line per block and ends with a summary:

	blocks=B transactions=N rejected=R proof_bytes_per_transfer=X provider_in_sync=true|false

With --tamper, before each block it also submits altered copies of the
block's transaction (a changed proof node, a false balance, an overdraft,
a wrong nonce, a truncated encoding), each in its own block. Each must be
rejected with the state unchanged; they count as rejected.

It exits with 0 only when the provider stayed in sync, every transaction it
built was accepted and every altered one rejected; 1 otherwise.

Flags:
`)
	fs := newFlagSet("token demo")
	addTokenDemoFlags(fs)
	printDefaults(w, fs)
}

// tokenDemoFlags are the flags of the token demo command.
type tokenDemoFlags struct {
	accounts  int
	blocks    int
	transfers int
	seed      uint64
	proof     proofKindValue
	tamper    bool
	scout     string
	engine    *engineFlags
}

// addTokenDemoFlags defines the token demo command's flags on fs.
func addTokenDemoFlags(fs *flag.FlagSet) *tokenDemoFlags {
	f := &tokenDemoFlags{proof: proofKindValue(token.ProofMulti)}
	fs.IntVar(&f.accounts, "accounts", 100, "fund `N` accounts at genesis")
	fs.IntVar(&f.blocks, "blocks", 10, "run `B` blocks")
	fs.IntVar(&f.transfers, "transfers", 20, fmt.Sprintf("put `T` random transfers in each block (1 to %d)", token.MaxTransfers))
	fs.Uint64Var(&f.seed, "seed", 1, "the `seed` of the genesis and the transfers")
	fs.Var(&f.proof, "proof", "the proof `approach`: multi (one multiproof per transaction, the default) or single (one branch per account)")
	fs.BoolVar(&f.tamper, "tamper", false, "also submit altered transactions, which must be rejected")
	fs.StringVar(&f.scout, "scout", "", "also write the genesis root, the accepted transactions and the final root to `FILE` as a Scout YAML test, whose EE is token.wasm beside FILE")
	f.engine = addEngineFlags(fs)
	return f
}

// proofKindValue is the -proof flag.
type proofKindValue token.ProofKind

func (v *proofKindValue) String() string { return token.ProofKind(*v).String() }

func (v *proofKindValue) Set(s string) error {
	kind, err := token.ParseProofKind(s)
	if err != nil {
		return err
	}
	*v = proofKindValue(kind)
	return nil
}

// runTokenDemo is the token demo command.
func runTokenDemo(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("token demo")
	flags := addTokenDemoFlags(fs)
	if ok, code := parseFlags(fs, args, cliflags.NoArguments, stdout, stderr, tokenDemoUsage); !ok {
		return code
	}
	if flags.blocks < 0 {
		usageError(stderr, fs.Name(), fmt.Sprintf("-blocks must not be negative, got %d", flags.blocks))
		return exitUsage
	}
	if flags.transfers < 1 || flags.transfers > token.MaxTransfers {
		usageError(stderr, fs.Name(), fmt.Sprintf("-transfers must be between 1 and %d (MaxTransfers), got %d", token.MaxTransfers, flags.transfers))
		return exitUsage
	}
	genesis, err := token.RandomGenesis(flags.seed, flags.accounts)
	if err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return exitUsage
	}
	config, err := flags.engine.config(nil)
	if err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return exitUsage
	}

	ctx := context.Background()
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitUsage
	}
	defer closeBeforeExit(engine)
	demo := &tokenDemo{
		sim:    flags.engine.newSimulation(engine),
		rng:    rand.New(rand.NewPCG(flags.seed, 1)),
		kind:   token.ProofKind(flags.proof),
		tamper: flags.tamper,
		out:    stdout,
	}
	summary, err := demo.run(ctx, genesis, flags.blocks, flags.transfers)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	fmt.Fprintln(stdout, summary)
	if !summary.ok() {
		return exitFailed
	}
	if flags.scout != "" {
		if err := demo.writeScoutTest(flags.scout, flags); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
			return exitFailed
		}
	}
	return exitOK
}

// tokenDemo is one run of the token demo.
type tokenDemo struct {
	sim      *core.Simulation
	provider *token.Provider
	rng      *rand.Rand
	kind     token.ProofKind
	tamper   bool
	out      io.Writer
	// accepted is the data of every transaction accepted, in order.
	accepted [][]byte
}

// demoSummary counts what a demo did; its String is the summary line.
type demoSummary struct {
	blocks, transactions, rejected int
	transfers, proofBytes          int
	inSync                         bool
	// failures are the rejections of transactions the provider built and
	// the acceptances of altered ones: each means the EE and the provider
	// disagree about what is valid.
	failures int
}

func (s demoSummary) String() string {
	perTransfer := 0.0
	if s.transfers > 0 {
		perTransfer = float64(s.proofBytes) / float64(s.transfers)
	}
	return fmt.Sprintf("blocks=%d transactions=%d rejected=%d proof_bytes_per_transfer=%.1f provider_in_sync=%t",
		s.blocks, s.transactions, s.rejected, perTransfer, s.inSync)
}

// ok reports whether the demo went as it should.
func (s demoSummary) ok() bool { return s.inSync && s.failures == 0 }

// run creates the token EE with genesis and runs blocks blocks of transfers
// transfers each, writing one line per block. An error means the demo could
// not go on; disagreements are counted in the summary instead.
func (d *tokenDemo) run(ctx context.Context, genesis []token.Account, blocks, transfers int) (demoSummary, error) {
	summary := demoSummary{inSync: true}
	eeIndex := d.sim.ExecutionEnvironmentCount()
	provider, err := token.NewProvider(genesis, eeIndex, tokenDemoShard)
	if err != nil {
		return summary, err
	}
	d.provider = provider
	if _, err := d.sim.CreateExecutionEnvironment(ctx, scripts.Token, provider.GenesisRoot()); err != nil {
		return summary, fmt.Errorf("creating the token EE: %w", err)
	}
	var supply uint64
	for _, account := range genesis {
		supply += account.Balance
	}
	fmt.Fprintf(d.out, "genesis: EE %d, %d accounts holding %d tokens, root %s, %s proofs\n",
		eeIndex, len(genesis), supply, provider.GenesisRoot(), d.kind)

	for block := range blocks {
		requests, err := token.RandomTransfers(d.rng, provider.Accounts(), transfers)
		if err != nil {
			return summary, err
		}
		tx, err := provider.Build(d.kind, requests)
		if err != nil {
			return summary, fmt.Errorf("block %d: %w", block, err)
		}
		data, err := tx.Encode()
		if err != nil {
			return summary, fmt.Errorf("block %d: %w", block, err)
		}
		if d.tamper {
			if err := d.submitTampered(ctx, tx, data, &summary); err != nil {
				return summary, err
			}
		}
		if err := d.submit(ctx, tx, data, &summary); err != nil {
			return summary, err
		}
	}
	return summary, nil
}

// submit runs data, built by the provider for tx, as a block of its own and
// has the provider follow it.
func (d *tokenDemo) submit(ctx context.Context, tx *token.Transaction, data []byte, summary *demoSummary) error {
	summary.transactions++
	start := time.Now()
	blockIndex, err := d.sim.CreateShardBlock(ctx, tokenDemoShard, []core.ShardTransaction{{EEIndex: d.provider.EEIndex(), Data: data}})
	elapsed := time.Since(start)
	if err != nil {
		var txErr *core.TransactionError
		if !errors.As(err, &txErr) {
			return err
		}
		summary.rejected++
		summary.failures++
		fmt.Fprintf(d.out, "block rejected, though the provider built it: %s\n", firstLine(txErr.Err))
		return nil
	}
	reports, err := d.provider.Follow(d.sim)
	if err != nil {
		return err
	}
	record, err := d.sim.GetShardBlock(tokenDemoShard, blockIndex)
	if err != nil {
		return err
	}
	d.accepted = append(d.accepted, data)
	summary.blocks++
	summary.transfers += len(tx.Transfers)
	summary.proofBytes += tx.ProofBytes()
	ticks := record.Receipts[0].Ticks
	for _, report := range reports {
		status := "provider in sync"
		if !report.InSync {
			status = "PROVIDER OUT OF SYNC: " + report.Problem
			summary.inSync = false
		}
		fmt.Fprintf(d.out, "block %d: %d transfers, %d accounts, proof %d bytes (%.1f per transfer), %d ticks (%d per transfer), %s, root %s, %s\n",
			report.BlockIndex, len(tx.Transfers), len(tx.Accounts), tx.ProofBytes(),
			float64(tx.ProofBytes())/float64(len(tx.Transfers)), ticks, ticks/uint64(len(tx.Transfers)),
			formatDuration(elapsed), report.EERoot, status)
	}
	return nil
}

// tampering is an altered copy of a transaction's data.
type tampering struct {
	name string
	data []byte
}

// submitTampered submits altered copies of tx, whose encoding is data, each
// as a block of its own, and checks each is rejected with nothing changed.
func (d *tokenDemo) submitTampered(ctx context.Context, tx *token.Transaction, data []byte, summary *demoSummary) error {
	tamperings, err := tamper(tx, data)
	if err != nil {
		return err
	}
	fmt.Fprintf(d.out, "altered copies of the next block's transaction:\n")
	for _, t := range tamperings {
		summary.transactions++
		before, err := d.sim.GetExecutionEnvironmentState(d.provider.EEIndex(), tokenDemoShard)
		if err != nil {
			return err
		}
		blockCount, err := d.sim.ShardBlockCount(tokenDemoShard)
		if err != nil {
			return err
		}
		_, err = d.sim.CreateShardBlock(ctx, tokenDemoShard, []core.ShardTransaction{{EEIndex: d.provider.EEIndex(), Data: t.data}})
		var txErr *core.TransactionError
		switch {
		case errors.As(err, &txErr):
			summary.rejected++
			fmt.Fprintf(d.out, "  %s: rejected: %s\n", t.name, firstLine(txErr.Err))
		case err != nil:
			return err
		default:
			summary.failures++
			fmt.Fprintf(d.out, "  %s: ACCEPTED, though altered\n", t.name)
			continue
		}
		after, err := d.sim.GetExecutionEnvironmentState(d.provider.EEIndex(), tokenDemoShard)
		if err != nil {
			return err
		}
		afterCount, err := d.sim.ShardBlockCount(tokenDemoShard)
		if err != nil {
			return err
		}
		if after != before || afterCount != blockCount {
			summary.failures++
			fmt.Fprintf(d.out, "  %s: the rejected block changed the shard\n", t.name)
		}
	}
	return nil
}

// firstLine is the first line of err's message: the EE's message, without
// the wasm stack trace that follows it.
func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

// formatDuration writes d in milliseconds, which suits blocks of the demo's
// size.
func formatDuration(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}
