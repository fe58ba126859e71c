//go:build js && wasm

package jsbridge

import (
	"context"
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
)

// tokenSession is the state provider of one token EE on one shard, which
// the page's Token panel shows, with what it needs to compare the proof
// approaches block by block.
type tokenSession struct {
	provider        *token.Provider
	genesisAccounts int
	seed            uint64
	// program is the token EE compiled once more, to run each block's
	// transfers with both proof approaches outside the simulation.
	program     core.Program
	comparisons []blockComparison
}

// blockComparison is the cost of a block's token transactions with each
// proof approach.
type blockComparison struct {
	blockIndex uint64
	token.Comparison
}

// tokenGenesis returns {root, accounts}: the random genesis of params.accounts
// accounts made from params.seed, and its root, the token EE's initial
// state.
func tokenGenesis(_ context.Context, _ *Bridge, params js.Value) (any, error) {
	genesis, _, err := genesisParams(params)
	if err != nil {
		return nil, err
	}
	tree, err := token.NewTree(genesis)
	if err != nil {
		return nil, err
	}
	return map[string]any{"root": tree.Root().String(), "accounts": accountValues(genesis)}, nil
}

// tokenAttach attaches a state provider with the genesis of params.accounts
// and params.seed to EE params.eeIndex on shard params.shardIndex, follows
// every block so far and returns the status.
func tokenAttach(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	genesis, seed, err := genesisParams(params)
	if err != nil {
		return nil, err
	}
	eeIndex, err := indexParam(params, "eeIndex")
	if err != nil {
		return nil, err
	}
	shardIndex, err := indexParam(params, "shardIndex")
	if err != nil {
		return nil, err
	}
	if shardIndex >= core.ShardCount {
		return nil, fmt.Errorf("token: shard %d does not exist: ShardCount is %d", shardIndex, core.ShardCount)
	}
	ee, err := b.sim.GetExecutionEnvironment(eeIndex)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	provider, err := token.NewProvider(genesis, eeIndex, shardIndex)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	if ee.InitialState != provider.GenesisRoot() {
		return nil, fmt.Errorf("token: EE %d starts from %s, not from the root of this genesis (%d accounts, seed %d), %s",
			eeIndex, ee.InitialState, len(genesis), seed, provider.GenesisRoot())
	}
	program, err := b.engines.engine.Compile(ctx, ee.WasmCode)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	session := &tokenSession{provider: provider, genesisAccounts: len(genesis), seed: seed, program: program}
	if err := session.follow(ctx, b.sim); err != nil {
		return nil, err
	}
	b.token = session
	return session.status(b.sim)
}

// tokenStatus follows any new blocks and returns the status, or null when
// no provider is attached.
func tokenStatus(ctx context.Context, b *Bridge, _ js.Value) (any, error) {
	if b.token == nil {
		return nil, nil
	}
	if err := b.token.follow(ctx, b.sim); err != nil {
		return nil, err
	}
	return b.token.status(b.sim)
}

// tokenBuild returns the transaction the provider builds for
// params.transfers with the proof approach params.proof, and what its
// proof is made of.
func tokenBuild(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	if b.token == nil {
		return nil, fmt.Errorf("token: no token EE is attached")
	}
	proof, err := stringParam(params, "proof")
	if err != nil {
		return nil, err
	}
	kind, err := token.ParseProofKind(proof)
	if err != nil {
		return nil, badParameter("proof: %w", err)
	}
	requests, err := transferRequestsParam(params, "transfers")
	if err != nil {
		return nil, err
	}
	// Build on the latest state, which may hold blocks not yet followed.
	if err := b.token.follow(ctx, b.sim); err != nil {
		return nil, err
	}
	tx, err := b.token.provider.Build(kind, requests)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	data, err := tx.Encode()
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	return map[string]any{
		"proof":      kind.String(),
		"data":       uint8Array(data),
		"dataBytes":  len(data),
		"proofBytes": tx.ProofBytes(),
		"transfers":  transferValues(tx.Transfers),
		"accounts":   accountValues(tx.Accounts),
		"shape":      shapeValue(tx.Shape()),
	}, nil
}

// tokenDetach drops the provider.
func tokenDetach(_ context.Context, b *Bridge, _ js.Value) (any, error) {
	b.token = nil
	return nil, nil
}

// follow has the provider follow the blocks it has not seen, one at a
// time, so that each block's transfers can be compared on the state before
// it.
func (s *tokenSession) follow(ctx context.Context, sim *core.Simulation) error {
	shard := s.provider.ShardIndex()
	count, err := sim.ShardBlockCount(shard)
	if err != nil {
		return err
	}
	for next := s.provider.Followed(); next < count; next++ {
		before, err := token.NewTree(s.provider.Accounts())
		if err != nil {
			return fmt.Errorf("token: %w", err)
		}
		if _, err := s.provider.Follow(chainPrefix{sim, next + 1}); err != nil {
			return fmt.Errorf("token: %w", err)
		}
		record, err := sim.GetShardBlock(shard, next)
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
// blockIndex, with both proof approaches from the state before, and
// records the sum. Blocks without token transactions have no comparison.
func (s *tokenSession) compare(ctx context.Context, blockIndex uint64, record core.ShardBlockRecord, before *token.Tree) error {
	sum := blockComparison{blockIndex: blockIndex}
	for i, tx := range record.Block.Transactions {
		if tx.EEIndex != s.provider.EEIndex() {
			continue
		}
		decoded, err := token.DecodeTransaction(tx.Data)
		if err != nil {
			// The EE accepted it, so the provider is out of sync already,
			// and says so; there is nothing to compare.
			continue
		}
		comparison, err := token.Compare(ctx, s.program, before, decoded.Transfers)
		if err != nil && !s.provider.InSync() {
			// The ledger is wrong, so the proofs built on it are too; the
			// status says why, and there is nothing to compare.
			return nil
		}
		if err != nil {
			return fmt.Errorf("token: block %d: %w", blockIndex, err)
		}
		sum.Transfers += comparison.Transfers
		sum.Multi = addCost(sum.Multi, comparison.Multi)
		sum.Single = addCost(sum.Single, comparison.Single)
		// The next transaction starts where this one left the ledger.
		for _, log := range record.Receipts[i].Logs {
			var account token.Account
			if err := account.UnmarshalSSZ(log); err == nil {
				before.Set(account)
			}
		}
	}
	if sum.Transfers > 0 {
		s.comparisons = append(s.comparisons, sum)
	}
	return nil
}

func addCost(a, b token.Cost) token.Cost {
	return token.Cost{
		DataBytes:  a.DataBytes + b.DataBytes,
		ProofBytes: a.ProofBytes + b.ProofBytes,
		Ticks:      a.Ticks + b.Ticks,
		Duration:   a.Duration + b.Duration,
	}
}

// status is the TokenStatus of the page's API.
func (s *tokenSession) status(sim *core.Simulation) (any, error) {
	eeRoot, err := sim.GetExecutionEnvironmentState(s.provider.EEIndex(), s.provider.ShardIndex())
	if err != nil {
		return nil, err
	}
	comparisons := make([]any, len(s.comparisons))
	for i, c := range s.comparisons {
		comparisons[i] = map[string]any{
			"blockIndex": c.blockIndex,
			"transfers":  c.Transfers,
			"multi":      costValue(c.Multi),
			"single":     costValue(c.Single),
		}
	}
	return map[string]any{
		"eeIndex":         s.provider.EEIndex(),
		"shardIndex":      s.provider.ShardIndex(),
		"genesisAccounts": s.genesisAccounts,
		"seed":            s.seed,
		"accounts":        accountValues(s.provider.Accounts()),
		"root":            s.provider.Root().String(),
		"eeRoot":          eeRoot.String(),
		"inSync":          s.provider.InSync(),
		"problem":         s.provider.Problem(),
		"followedBlocks":  s.provider.Followed(),
		"comparisons":     comparisons,
	}, nil
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

// genesisParams reads params.accounts and params.seed and returns the
// random genesis they make, and the seed.
func genesisParams(params js.Value) ([]token.Account, uint64, error) {
	accounts, err := indexParam(params, "accounts")
	if err != nil {
		return nil, 0, err
	}
	seed, err := indexParam(params, "seed")
	if err != nil {
		return nil, 0, err
	}
	// Checked here, so that a huge number is not converted to int.
	if accounts > 1<<16 {
		return nil, 0, badParameter("accounts: want 1 to 65536, got %d", accounts)
	}
	genesis, err := token.RandomGenesis(seed, int(accounts))
	if err != nil {
		return nil, 0, badParameter("accounts: %w", err)
	}
	return genesis, seed, nil
}

// transferRequestsParam reads an array of {sender, recipient, amount}.
func transferRequestsParam(obj js.Value, name string) ([]token.TransferRequest, error) {
	var requests []token.TransferRequest
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeObject {
			return badParameter("%s: want {sender, recipient, amount}, got %s", name, describe(element))
		}
		var addresses [2]token.Address
		for i, field := range []string{"sender", "recipient"} {
			address, err := indexParam(element, field)
			if err != nil {
				return fmt.Errorf("%s.%w", name, err)
			}
			if address > 1<<32-1 {
				return badParameter("%s.%s: want an address below 2**32, got %d", name, field, address)
			}
			addresses[i] = token.Address(address)
		}
		amount, err := indexParam(element, "amount")
		if err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		requests = append(requests, token.TransferRequest{Sender: addresses[0], Recipient: addresses[1], Amount: amount})
		return nil
	})
	return requests, err
}

func accountValues(accounts []token.Account) []any {
	out := make([]any, len(accounts))
	for i, a := range accounts {
		out[i] = map[string]any{"address": uint32(a.Address), "nonce": a.Nonce, "balance": a.Balance}
	}
	return out
}

func transferValues(transfers []token.Transfer) []any {
	out := make([]any, len(transfers))
	for i, t := range transfers {
		out[i] = map[string]any{"sender": uint32(t.Sender), "recipient": uint32(t.Recipient), "nonce": t.Nonce, "amount": t.Amount}
	}
	return out
}

func costValue(c token.Cost) map[string]any {
	return map[string]any{
		"dataBytes":    c.DataBytes,
		"proofBytes":   c.ProofBytes,
		"ticks":        c.Ticks,
		"milliseconds": float64(c.Duration.Microseconds()) / 1000,
	}
}

// shapeValue is the TokenProofShape of the page's API.
func shapeValue(shape token.ProofShape) map[string]any {
	return map[string]any{
		"leaves":         arrayValues(shape.Leaves),
		"helpers":        arrayValues(shape.Helpers),
		"defaultHelpers": arrayValues(shape.DefaultHelpers),
		"computed":       arrayValues(shape.Computed),
	}
}

// arrayValues is list as js.ValueOf takes it, which makes an array of a
// []any only, and null of a nil one.
func arrayValues[T any](list []T) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}
