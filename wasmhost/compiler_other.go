//go:build !js

package wasmhost

import "runtime"

// compilerSupported mirrors wazero's own platform check (internal to wazero):
// its compiler targets amd64 and arm64 on these operating systems.
func compilerSupported() bool {
	switch runtime.GOOS {
	case "linux", "darwin", "freebsd", "netbsd", "windows":
		return runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64"
	case "dragonfly", "solaris", "illumos":
		return runtime.GOARCH == "amd64"
	}
	return false
}

// canInterrupt is true: wazero can stop a running EE when its context ends.
const canInterrupt = true
