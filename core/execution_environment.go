package core

import "encoding/json"

// ExecutionEnvironment is an EE as the beacon state stores it: its code and
// the state it starts with on every shard.
type ExecutionEnvironment struct {
	InitialState Root   `json:"initial_state" ssz-size:"32"`
	WasmCode     []byte `json:"wasm_code" ssz-max:"262144"`
}

type executionEnvironmentJSON struct {
	InitialState Root     `json:"initial_state"`
	WasmCode     HexBytes `json:"wasm_code"`
}

// MarshalJSON writes the code as 0x-prefixed hex.
func (e ExecutionEnvironment) MarshalJSON() ([]byte, error) {
	return json.Marshal(executionEnvironmentJSON{InitialState: e.InitialState, WasmCode: e.WasmCode})
}

// UnmarshalJSON reads the code as hex, with or without 0x.
func (e *ExecutionEnvironment) UnmarshalJSON(b []byte) error {
	var v executionEnvironmentJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = ExecutionEnvironment{InitialState: v.InitialState, WasmCode: v.WasmCode}
	return nil
}
