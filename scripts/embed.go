package scripts

import _ "embed"

// Token is the token EE (scripts/token), for the commands that run it
// without a file at hand.
//
//go:embed token/token.wasm
var Token []byte
