package token

import (
	"fmt"

	"github.com/eeplay/eeplay/core"
)

// TransferRequest is a transfer a user asks for; Provider.Build adds the
// nonce.
type TransferRequest struct {
	Sender    Address `json:"sender"`
	Recipient Address `json:"recipient"`
	Amount    uint64  `json:"amount"`
}

// Chain is where a Provider reads blocks; *core.Simulation satisfies it.
type Chain interface {
	ShardBlockCount(shardIndex uint64) (uint64, error)
	GetShardBlock(shardIndex, blockIndex uint64) (core.ShardBlockRecord, error)
}

// Provider is the state provider of one token EE on one shard: it keeps the
// ledger by replaying the EE's logs, block by block, checks its root against
// the EE's state after each block, and builds transactions with their
// proofs. A Provider is not safe for concurrent use.
type Provider struct {
	tree        *Tree
	genesisRoot core.Root
	eeIndex     uint64
	shardIndex  uint64
	// next is the index of the first block on the shard not yet processed.
	next uint64
	// eeRoot is the EE's state as the chain last showed it.
	eeRoot core.Root
	// outOfSync names the first block that disagreed, "" while none has.
	outOfSync string
}

// NewProvider returns a provider for EE eeIndex on shard shardIndex, whose
// ledger starts as genesis (see NewTree for what a genesis must be) and
// which has processed no block yet.
func NewProvider(genesis []Account, eeIndex, shardIndex uint64) (*Provider, error) {
	tree, err := NewTree(genesis)
	if err != nil {
		return nil, err
	}
	root := tree.Root()
	return &Provider{tree: tree, genesisRoot: root, eeIndex: eeIndex, shardIndex: shardIndex, eeRoot: root}, nil
}

// GenesisRoot returns the root of the genesis, the EE's initial state.
func (p *Provider) GenesisRoot() core.Root { return p.genesisRoot }

// Root returns the root of the provider's ledger.
func (p *Provider) Root() core.Root { return p.tree.Root() }

// Accounts returns the non-empty accounts of the ledger, in ascending
// address order.
func (p *Provider) Accounts() []Account { return p.tree.Accounts() }

// Account returns the ledger's account at a, empty if there is none.
func (p *Provider) Account(a Address) Account { return p.tree.Account(a) }

// EEIndex returns the index of the EE the provider follows.
func (p *Provider) EEIndex() uint64 { return p.eeIndex }

// ShardIndex returns the shard the provider follows.
func (p *Provider) ShardIndex() uint64 { return p.shardIndex }

// InSync reports whether every block processed so far agreed with the
// ledger. Once one has not, the ledger can no longer be trusted and InSync
// stays false.
func (p *Provider) InSync() bool { return p.outOfSync == "" }

// Problem says why the provider is out of sync: the problem of the first
// block that disagreed, "" while InSync.
func (p *Provider) Problem() string { return p.outOfSync }

// Followed returns the number of blocks of the shard processed so far,
// which is the index of the next block Follow processes.
func (p *Provider) Followed() uint64 { return p.next }

// Build returns the transaction of kind for requests on the current ledger.
// Each transfer gets the sender's nonce in the ledger plus the number of
// earlier requests in the batch from the same sender, which is what the EE
// will expect if the transaction is the next one. Build checks no balance:
// an overdraft makes a transaction the EE rejects, which is worth seeing.
func (p *Provider) Build(kind ProofKind, requests []TransferRequest) (*Transaction, error) {
	if len(requests) == 0 {
		return nil, fmt.Errorf("build transaction: no transfers")
	}
	if len(requests) > MaxTransfers {
		return nil, fmt.Errorf("build transaction: %d transfers, more than %d", len(requests), MaxTransfers)
	}
	sent := make(map[Address]uint64)
	transfers := make([]Transfer, len(requests))
	for i, r := range requests {
		transfers[i] = Transfer{
			Sender:    r.Sender,
			Recipient: r.Recipient,
			Nonce:     p.tree.Account(r.Sender).Nonce + sent[r.Sender],
			Amount:    r.Amount,
		}
		sent[r.Sender]++
	}
	tx, err := Prove(p.tree, kind, transfers)
	if err != nil {
		return nil, fmt.Errorf("build transaction: %w", err)
	}
	return tx, nil
}

// BlockReport is what one block did to the provider's ledger.
type BlockReport struct {
	BlockIndex uint64 `json:"block_index"`
	// Transactions counts the block's transactions of the provider's EE.
	Transactions int `json:"transactions"`
	// Changed are the accounts the block changed, with their new values, in
	// ascending address order.
	Changed []Account `json:"changed"`
	// Root is the ledger's root after the block.
	Root core.Root `json:"root"`
	// EERoot is the EE's state after the block: the post-state of its last
	// transaction in the block, or the state it already had.
	EERoot core.Root `json:"ee_root"`
	// InSync is Provider.InSync after the block.
	InSync bool `json:"in_sync"`
	// Problem says why the provider is out of sync, "" while it is not.
	Problem string `json:"problem"`
}

// Follow processes, in order, every block on the provider's shard that it
// has not processed yet. For each transaction of its EE it sets every
// logged account (each log must be a 20-byte serialized Account); after a
// block with such transactions it compares its root with the post-state of
// the last one. A bad log or a different root puts the provider out of sync
// for good, and the block's report says why. Follow returns the reports of
// the new blocks; its error is only for the chain failing to answer, with
// the reports of the blocks processed before.
func (p *Provider) Follow(chain Chain) ([]BlockReport, error) {
	count, err := chain.ShardBlockCount(p.shardIndex)
	if err != nil {
		return nil, fmt.Errorf("follow shard %d: %w", p.shardIndex, err)
	}
	var reports []BlockReport
	for ; p.next < count; p.next++ {
		record, err := chain.GetShardBlock(p.shardIndex, p.next)
		if err != nil {
			return reports, fmt.Errorf("follow shard %d: block %d: %w", p.shardIndex, p.next, err)
		}
		reports = append(reports, p.apply(p.next, record))
	}
	return reports, nil
}

// apply replays one block's logs of the provider's EE and checks the root.
func (p *Provider) apply(blockIndex uint64, record core.ShardBlockRecord) BlockReport {
	report := BlockReport{BlockIndex: blockIndex}
	before := make(map[Address]Account)
	var problem string
	setProblem := func(format string, args ...any) {
		if problem == "" {
			problem = fmt.Sprintf(format, args...)
		}
	}
	for i, tx := range record.Block.Transactions {
		if tx == nil || tx.EEIndex != p.eeIndex {
			continue
		}
		report.Transactions++
		if len(record.Receipts) != len(record.Block.Transactions) {
			setProblem("block %d: %d transactions but %d receipts", blockIndex, len(record.Block.Transactions), len(record.Receipts))
		}
		if i >= len(record.Receipts) {
			continue
		}
		receipt := record.Receipts[i]
		p.eeRoot = receipt.PostState
		for k, log := range receipt.Logs {
			if len(log) != accountSize {
				setProblem("block %d, transaction %d, log %d: %d bytes, want %d (a serialized Account)", blockIndex, i, k, len(log), accountSize)
				continue
			}
			account := readAccount(log)
			if _, seen := before[account.Address]; !seen {
				before[account.Address] = p.tree.Account(account.Address)
			}
			p.tree.Set(account)
		}
	}
	if report.Transactions > 0 && problem == "" && p.tree.Root() != p.eeRoot {
		setProblem("block %d: the ledger's root is %v but the EE's post-state is %v", blockIndex, p.tree.Root(), p.eeRoot)
	}

	changed := make([]Address, 0, len(before))
	for a, old := range before {
		if p.tree.Account(a) != old {
			changed = append(changed, a)
		}
	}
	report.Changed = make([]Account, 0, len(changed))
	for _, a := range sortedAddresses(changed) {
		report.Changed = append(report.Changed, p.tree.Account(a))
	}

	if problem != "" && p.outOfSync == "" {
		p.outOfSync = problem
	}
	report.Root, report.EERoot, report.InSync = p.tree.Root(), p.eeRoot, p.InSync()
	switch {
	case problem != "":
		report.Problem = problem
	case !report.InSync:
		report.Problem = "out of sync since an earlier block: " + p.outOfSync
	}
	return report
}
