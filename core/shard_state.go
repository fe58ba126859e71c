package core

// ShardState holds one 32-byte state per execution environment, indexed by
// EE index.
type ShardState struct {
	ExecutionEnvironmentStates []Root `json:"execution_environment_states" ssz-max:"65536" ssz-size:"?,32"`
}
