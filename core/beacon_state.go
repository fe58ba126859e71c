package core

// BeaconState is the whole simulated chain state: the EEs and, for each of
// the 64 shards, every EE's state there.
type BeaconState struct {
	Slot                  uint64                  `json:"slot"`
	ShardStates           []*ShardState           `json:"shard_states" ssz-size:"64"`
	ExecutionEnvironments []*ExecutionEnvironment `json:"execution_environments" ssz-max:"65536"`
}
