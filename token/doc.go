// Package token is the state provider of the token execution environment
// (scripts/token) and a Go reference of the EE itself.
//
// The EE keeps a ledger of accounts in a SHA-256 sparse Merkle tree of depth
// 32 but stores only the tree's root; every transaction brings the accounts
// it touches with a proof, either one multiproof for the batch or one branch
// per account. This package builds such transactions from a ledger it keeps
// (Tree, Prove, Provider.Build), follows a shard by replaying the EE's logs
// (Provider.Follow), and runs the EE's checks itself (Process), so that its
// results can be compared with the EE's byte for byte. A Session follows a
// token EE of a simulation and measures both proof approaches on every
// block, for the page's Token panel.
//
// docs/token.md is the specification both halves implement.
package token

//go:generate go tool sszgen --path . --include ../core/root.go --output token_ssz.go --objs Account,Transfer,Multiproof,Branch,multiproofBatch,branchBatch
