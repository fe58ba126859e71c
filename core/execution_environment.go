package core

// ExecutionEnvironment is an EE as the beacon state stores it: its code and
// the state it starts with on every shard.
type ExecutionEnvironment struct {
	InitialState Root   `json:"initial_state" ssz-size:"32"`
	WasmCode     []byte `json:"wasm_code" ssz-max:"262144"`
}
