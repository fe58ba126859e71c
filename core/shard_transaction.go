package core

import "encoding/json"

// ShardTransaction hands Data to the execution environment EEIndex.
type ShardTransaction struct {
	Data    []byte `json:"data" ssz-max:"262144"`
	EEIndex uint64 `json:"ee_index"`
}

type shardTransactionJSON struct {
	Data    HexBytes `json:"data"`
	EEIndex uint64   `json:"ee_index"`
}

// MarshalJSON writes the data as 0x-prefixed hex.
func (t ShardTransaction) MarshalJSON() ([]byte, error) {
	return json.Marshal(shardTransactionJSON{Data: t.Data, EEIndex: t.EEIndex})
}

// UnmarshalJSON reads the data as hex, with or without 0x.
func (t *ShardTransaction) UnmarshalJSON(b []byte) error {
	var v shardTransactionJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*t = ShardTransaction{Data: v.Data, EEIndex: v.EEIndex}
	return nil
}
