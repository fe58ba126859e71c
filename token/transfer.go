package token

// Transfer moves Amount from Sender to Recipient. Nonce is the sender's nonce
// before the transfer; the EE rejects any other, so that a transfer cannot
// be replayed.
type Transfer struct {
	Sender    Address `json:"sender"`
	Recipient Address `json:"recipient"`
	Nonce     uint64  `json:"nonce"`
	Amount    uint64  `json:"amount"`
}

// transferSize is the length of a serialized Transfer.
const transferSize = 4 + 4 + 8 + 8
