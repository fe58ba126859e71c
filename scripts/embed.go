package scripts

import _ "embed"

// Token is the token EE (scripts/token), for the commands that run it
// without a file at hand.
//
//go:embed token/token.wasm
var Token []byte

// Hashchain is the hashchain EE (scripts/hashchain), which eeplay
// client-example creates on a server.
//
//go:embed hashchain/hashchain.wasm
var Hashchain []byte
