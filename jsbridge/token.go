//go:build js && wasm

package jsbridge

import (
	"context"
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/token"
)

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
	session, err := token.NewSession(ctx, b.sim, b.engines.engine, token.SessionConfig{
		Genesis: genesis, Seed: seed, EEIndex: eeIndex, ShardIndex: shardIndex,
	})
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	b.token = session
	return tokenStatus(ctx, b, params)
}

// tokenStatus follows any new blocks and returns the status, or null when
// no provider is attached.
func tokenStatus(ctx context.Context, b *Bridge, _ js.Value) (any, error) {
	if b.token == nil {
		return nil, nil
	}
	status, err := b.token.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	return statusValue(status), nil
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
	tx, err := b.token.Build(ctx, kind, requests)
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
	if accounts > token.MaxRandomAccounts {
		return nil, 0, badParameter("accounts: want 1 to %d, got %d", token.MaxRandomAccounts, accounts)
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

// statusValue is the TokenStatus of the page's API.
func statusValue(status token.SessionStatus) map[string]any {
	comparisons := make([]any, len(status.Comparisons))
	for i, c := range status.Comparisons {
		comparisons[i] = map[string]any{
			"blockIndex": c.BlockIndex,
			"transfers":  c.Transfers,
			"multi":      costValue(c.Multi),
			"single":     costValue(c.Single),
		}
	}
	return map[string]any{
		"eeIndex":         status.EEIndex,
		"shardIndex":      status.ShardIndex,
		"genesisAccounts": status.GenesisAccounts,
		"seed":            status.Seed,
		"accounts":        accountValues(status.Accounts),
		"root":            status.Root.String(),
		"eeRoot":          status.EERoot.String(),
		"inSync":          status.InSync,
		"problem":         status.Problem,
		"followedBlocks":  status.FollowedBlocks,
		"comparisons":     comparisons,
	}
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
