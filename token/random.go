package token

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
)

// Bounds of the balances RandomGenesis gives: wide enough to make transfers
// of many sizes, small enough that no sum comes near 2**64.
const (
	minGenesisBalance = 1_000
	maxGenesisBalance = 1_000_000
)

// MaxRandomAccounts bounds RandomGenesis: more would make the demo's
// accounts table and proofs unwieldy long before it tests anything new.
const MaxRandomAccounts = 1 << 16

// RandomGenesis returns count funded accounts at distinct random addresses,
// in ascending address order, the same for the same seed.
func RandomGenesis(seed uint64, count int) ([]Account, error) {
	if count < 1 || count > MaxRandomAccounts {
		return nil, fmt.Errorf("random genesis: %d accounts: want 1 to %d", count, MaxRandomAccounts)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	taken := make(map[Address]bool, count)
	accounts := make([]Account, 0, count)
	for len(accounts) < count {
		address := Address(rng.Uint32())
		if taken[address] {
			continue
		}
		taken[address] = true
		balance := minGenesisBalance + rng.Uint64N(maxGenesisBalance-minGenesisBalance+1)
		accounts = append(accounts, Account{Address: address, Balance: balance})
	}
	slices.SortFunc(accounts, func(a, b Account) int { return cmp.Compare(a.Address, b.Address) })
	return accounts, nil
}

// RandomTransfers returns count transfers among the accounts of ledger that
// are all valid when made in order: each sender holds the amount at its
// turn. About one in eight goes to a new address, so that the tree grows.
// It uses no nonces: Provider.Build fills them in.
func RandomTransfers(rng *rand.Rand, ledger []Account, count int) ([]TransferRequest, error) {
	balances := make(map[Address]uint64, len(ledger))
	var addresses []Address
	for _, account := range ledger {
		balances[account.Address] = account.Balance
		addresses = append(addresses, account.Address)
	}
	requests := make([]TransferRequest, 0, count)
	for len(requests) < count {
		funded := fundedAddresses(addresses, balances)
		if len(funded) == 0 {
			return nil, fmt.Errorf("random transfers: no account holds any tokens")
		}
		sender := funded[rng.IntN(len(funded))]
		recipient := addresses[rng.IntN(len(addresses))]
		if rng.IntN(8) == 0 {
			recipient = Address(rng.Uint32())
			if _, known := balances[recipient]; !known {
				addresses = append(addresses, recipient)
			}
		}
		// At most a quarter of the balance, so that senders stay funded
		// for later transfers.
		amount := 1 + rng.Uint64N(balances[sender]/4+1)
		amount = min(amount, balances[sender])
		balances[sender] -= amount
		balances[recipient] += amount
		requests = append(requests, TransferRequest{Sender: sender, Recipient: recipient, Amount: amount})
	}
	return requests, nil
}

// fundedAddresses returns the addresses whose balance is not zero, in the
// order of addresses, so that choices among them are reproducible.
func fundedAddresses(addresses []Address, balances map[Address]uint64) []Address {
	var funded []Address
	for _, address := range addresses {
		if balances[address] > 0 {
			funded = append(funded, address)
		}
	}
	return funded
}
