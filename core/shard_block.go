package core

// ShardBlock is a list of transactions run in order on one shard.
type ShardBlock struct {
	Transactions []*ShardTransaction `json:"transactions" ssz-max:"1024"`
}
