//go:build !(js && wasm)

package wasmhost

import "errors"

func browserSupported() bool { return false }

func newBrowserRuntime(*Engine) (browserRunner, error) {
	return nil, errors.New("the browser engine runs only where Go runs as js/wasm: in a browser, or under Node.js")
}
