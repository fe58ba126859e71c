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

// The limits of the projects a simulation file carries (Project): the
// page's editor keeps a few small projects, so these are far above any real
// use and only stop a file from making the page store or show without end.
// web/src/core/project-check.ts holds the page to the same numbers.
const (
	// MaxProjects bounds the projects of a file.
	MaxProjects = 100
	// MaxProjectFiles bounds the files of a project, and of each build.
	MaxProjectFiles = 64
	// MaxProjectBuilds bounds the builds of a project: one a deploy.
	MaxProjectBuilds = 256
	// MaxProjectTextSize bounds the text of a project's files and its
	// builds' files together, in bytes of UTF-8: four examples' worth of
	// library many times over.
	MaxProjectTextSize = 4 << 20
	// MaxProjectNameLength bounds ids, names and paths, in characters.
	MaxProjectNameLength = 200
)
