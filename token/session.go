package token

import (
	"context"
	"fmt"
	"slices"

	"github.com/eeplay/eeplay/core"
)

// Session is a Provider attached to a token EE of a simulation, which
// also compares the two proof approaches on every block it follows: what
// the page's Token panel shows. A Session is not safe for concurrent use.
type Session struct {
	sim             *core.Simulation
	provider        *Provider
	genesisAccounts int
	seed            uint64
	// program is the token EE compiled once more, to run each block's
	// transfers with both proof approaches outside the simulation.
	program     core.Program
	comparisons []BlockComparison
}

// SessionConfig says what a Session attaches to.
type SessionConfig struct {
	// Genesis is the ledger the EE starts from.
	Genesis []Account
	// Seed is the seed RandomGenesis made Genesis from, if it did; the
	// session only reports it.
	Seed uint64
	// EEIndex and ShardIndex name the EE and the shard the session follows.
	EEIndex    uint64
	ShardIndex uint64
}

// BlockComparison is the cost of a block's token transactions with each
// proof approach, summed over the transactions.
type BlockComparison struct {
	BlockIndex uint64
	Comparison
}

// SessionStatus is where a Session stands.
type SessionStatus struct {
	EEIndex    uint64
	ShardIndex uint64
	// GenesisAccounts and Seed say which random genesis the session
	// started from.
	GenesisAccounts int
	Seed            uint64
	// Accounts are the ledger's non-empty accounts, in ascending address
	// order, and Root its root.
	Accounts []Account
	Root     core.Root
	// EERoot is the EE's state on the shard.
	EERoot core.Root
	// InSync and Problem are the provider's (see Provider.InSync).
	InSync  bool
	Problem string
	// FollowedBlocks is the number of the shard's blocks followed.
	FollowedBlocks uint64
	// Comparisons are those of the blocks followed that hold token
	// transactions, in block order. A block the ledger was out of sync for
	// has none: proofs built on a wrong ledger compare nothing.
	Comparisons []BlockComparison
}

// NewSession attaches a provider of config.Genesis to EE config.EEIndex of
// sim on shard config.ShardIndex, which must start from the genesis'
// root. It compiles the EE on engine for the comparisons and follows every
// block of the shard so far.
func NewSession(ctx context.Context, sim *core.Simulation, engine core.Engine, config SessionConfig) (*Session, error) {
	if config.ShardIndex >= core.ShardCount {
		return nil, fmt.Errorf("shard %d does not exist: ShardCount is %d", config.ShardIndex, core.ShardCount)
	}
	ee, err := sim.GetExecutionEnvironment(config.EEIndex)
	if err != nil {
		return nil, err
	}
	provider, err := NewProvider(config.Genesis, config.EEIndex, config.ShardIndex)
	if err != nil {
		return nil, err
	}
	if ee.InitialState != provider.GenesisRoot() {
		return nil, fmt.Errorf("EE %d starts from %s, not from the root of this genesis (%d accounts, seed %d), %s",
			config.EEIndex, ee.InitialState, len(config.Genesis), config.Seed, provider.GenesisRoot())
	}
	program, err := engine.Compile(ctx, ee.WasmCode)
	if err != nil {
		return nil, err
	}
	s := &Session{sim: sim, provider: provider, genesisAccounts: len(config.Genesis), seed: config.Seed, program: program}
	if err := s.follow(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// EEIndex returns the index of the EE the session follows.
func (s *Session) EEIndex() uint64 { return s.provider.EEIndex() }

// SetProgram has the comparisons of the blocks to come run on program, the
// EE compiled on another engine, as when the simulation moves to it.
func (s *Session) SetProgram(program core.Program) { s.program = program }

// Status follows any new blocks and returns where the session stands.
func (s *Session) Status(ctx context.Context) (SessionStatus, error) {
	if err := s.follow(ctx); err != nil {
		return SessionStatus{}, err
	}
	eeRoot, err := s.sim.GetExecutionEnvironmentState(s.provider.EEIndex(), s.provider.ShardIndex())
	if err != nil {
		return SessionStatus{}, err
	}
	return SessionStatus{
		EEIndex:         s.provider.EEIndex(),
		ShardIndex:      s.provider.ShardIndex(),
		GenesisAccounts: s.genesisAccounts,
		Seed:            s.seed,
		Accounts:        s.provider.Accounts(),
		Root:            s.provider.Root(),
		EERoot:          eeRoot,
		InSync:          s.provider.InSync(),
		Problem:         s.provider.Problem(),
		FollowedBlocks:  s.provider.Followed(),
		Comparisons:     slices.Clone(s.comparisons),
	}, nil
}

// Build follows any new blocks and returns the transaction the provider
// builds for requests with the proof approach kind on the latest ledger
// (see Provider.Build).
func (s *Session) Build(ctx context.Context, kind ProofKind, requests []TransferRequest) (*Transaction, error) {
	if err := s.follow(ctx); err != nil {
		return nil, err
	}
	return s.provider.Build(kind, requests)
}

// follow has the provider follow the blocks it has not seen, one at a
// time, so that each block's transfers can be compared on the ledger
// before it.
func (s *Session) follow(ctx context.Context) error {
	shard := s.provider.ShardIndex()
	count, err := s.sim.ShardBlockCount(shard)
	if err != nil {
		return err
	}
	for next := s.provider.Followed(); next < count; next++ {
		before := s.provider.tree.Clone()
		if _, err := s.provider.Follow(chainPrefix{s.sim, next + 1}); err != nil {
			return err
		}
		record, err := s.sim.GetShardBlock(shard, next)
		if err != nil {
			return err
		}
		if err := s.compare(ctx, next, record, before); err != nil {
			return err
		}
	}
	return nil
}

// compare runs the transfers of the token transactions in record, block
// blockIndex, with both proof approaches from the ledger before, and
// records the sum. Blocks without token transactions have no comparison.
func (s *Session) compare(ctx context.Context, blockIndex uint64, record core.ShardBlockRecord, before *Tree) error {
	sum := BlockComparison{BlockIndex: blockIndex}
	for i, tx := range record.Block.Transactions {
		if tx.EEIndex != s.provider.EEIndex() {
			continue
		}
		decoded, err := DecodeTransaction(tx.Data)
		if err != nil {
			// The EE accepted it, so the provider is out of sync already,
			// and says so; there is nothing to compare.
			continue
		}
		comparison, err := Compare(ctx, s.program, before, decoded.Transfers)
		if err != nil && !s.provider.InSync() {
			// The ledger is wrong, so the proofs built on it are too; the
			// status says why, and there is nothing to compare.
			return nil
		}
		if err != nil {
			return fmt.Errorf("block %d: %w", blockIndex, err)
		}
		sum.Transfers += comparison.Transfers
		sum.Multi = sum.Multi.Add(comparison.Multi)
		sum.Single = sum.Single.Add(comparison.Single)
		// The next transaction starts where this one left the ledger.
		for _, log := range record.Receipts[i].Logs {
			if len(log) == accountSize {
				before.Set(readAccount(log))
			}
		}
	}
	if sum.Transfers > 0 {
		s.comparisons = append(s.comparisons, sum)
	}
	return nil
}

// chainPrefix is a shard's first blocks only, so that the provider can be
// made to follow one block at a time.
type chainPrefix struct {
	sim    *core.Simulation
	blocks uint64
}

func (c chainPrefix) ShardBlockCount(uint64) (uint64, error) { return c.blocks, nil }

func (c chainPrefix) GetShardBlock(shardIndex, blockIndex uint64) (core.ShardBlockRecord, error) {
	return c.sim.GetShardBlock(shardIndex, blockIndex)
}
