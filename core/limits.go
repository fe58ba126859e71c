package core

// The limits of the original Rust simulation (quilt/simulation), which the
// SSZ tags on the types repeat; sszgen needs them as literals.
const (
	// ShardCount is the number of shards in the beacon state.
	ShardCount = 64
	// MaxExecutionEnvironments bounds BeaconState.ExecutionEnvironments and
	// ShardState.ExecutionEnvironmentStates.
	MaxExecutionEnvironments = 65536
	// MaxWasmCodeSize bounds ExecutionEnvironment.WasmCode, in bytes.
	MaxWasmCodeSize = 262144
	// MaxTransactionsPerBlock bounds ShardBlock.Transactions.
	MaxTransactionsPerBlock = 1024
	// MaxTransactionDataSize bounds ShardTransaction.Data, in bytes.
	MaxTransactionDataSize = 262144
)
