package core

// ShardTransaction hands Data to the execution environment EEIndex.
type ShardTransaction struct {
	Data    []byte `json:"data" ssz-max:"262144"`
	EEIndex uint64 `json:"ee_index"`
}
