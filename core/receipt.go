package core

import "slices"

// Receipt records what one transaction did.
type Receipt struct {
	// PreState is the EE's state on the shard before the transaction.
	PreState Root `json:"pre_state"`
	// PostState is the state the EE saved, or PreState if it saved none.
	PostState Root `json:"post_state"`
	// Ticks is how many ticks the EE used through eth2_useTicks.
	Ticks uint64 `json:"ticks"`
	// Deposits are the byte strings pushed through eth2_pushNewDeposit.
	Deposits []HexBytes `json:"deposits"`
	// Logs are the byte strings emitted through eth2_emitLog, in order.
	Logs []HexBytes `json:"logs"`
	// Debug holds one line per debug_* call, in order.
	Debug []string `json:"debug"`
	// Modules are the child modules the EE loaded, in the order it loaded
	// them; none for most EEs, and then the JSON leaves the field out.
	Modules []ChildModule `json:"modules,omitempty"`
}

// ShardBlockRecord is a stored shard block with one receipt per transaction.
type ShardBlockRecord struct {
	Block    ShardBlock `json:"block"`
	Receipts []Receipt  `json:"receipts"`
}

func (r Receipt) clone() Receipt {
	r.Deposits = cloneByteStrings(r.Deposits)
	r.Logs = cloneByteStrings(r.Logs)
	r.Debug = slices.Clone(r.Debug)
	r.Modules = slices.Clone(r.Modules)
	return r
}

func (r ShardBlockRecord) clone() ShardBlockRecord {
	txs := make([]*ShardTransaction, len(r.Block.Transactions))
	for i, tx := range r.Block.Transactions {
		txs[i] = &ShardTransaction{Data: slices.Clone(tx.Data), EEIndex: tx.EEIndex}
	}
	receipts := make([]Receipt, len(r.Receipts))
	for i, receipt := range r.Receipts {
		receipts[i] = receipt.clone()
	}
	return ShardBlockRecord{Block: ShardBlock{Transactions: txs}, Receipts: receipts}
}

func cloneByteStrings(bs []HexBytes) []HexBytes {
	if bs == nil {
		return nil
	}
	out := make([]HexBytes, len(bs))
	for i, b := range bs {
		out[i] = slices.Clone(b)
	}
	return out
}
