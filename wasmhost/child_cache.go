package wasmhost

import (
	"context"
	"crypto/sha256"
	"slices"
	"sync"

	"github.com/tetratelabs/wazero"
)

// maxCachedChildren bounds the child modules an engine keeps compiled.
const maxCachedChildren = 32

// childCache keeps the child modules an engine has compiled and checked, by
// the SHA-256 of their code: an EE that ships its library in every
// transaction's block data, as ewasm-rt's model has it, loads the same
// module each time, and compiling and checking it again cost more than
// the transaction's own work. Only modules that passed are kept; the
// oldest goes when a new one would pass maxCachedChildren.
type childCache struct {
	mu      sync.Mutex
	entries map[[32]byte]*checkedChild
	order   [][32]byte // oldest first
	// compiles counts the modules compiled, for the tests.
	compiles int
}

// checkedChild is a child module compiled and checked (compileChild).
type checkedChild struct {
	// code is the code as compiled, its name section rewritten.
	code     []byte
	compiled wazero.CompiledModule
	// exports are the module's function exports as signatures, by name.
	exports map[string]string
	// browser is the browser engine's compiled module (a browserCompiled),
	// made the first time that engine instantiates it.
	browser any
}

// child returns the checked module of code, compiling it with compile if
// the cache does not hold it.
func (c *childCache) child(code []byte, compile func() (*checkedChild, error)) (*checkedChild, error) {
	sum := sha256.Sum256(code)
	c.mu.Lock()
	defer c.mu.Unlock()
	if cached, ok := c.entries[sum]; ok {
		return cached, nil
	}
	checked, err := compile()
	if err != nil {
		return nil, err
	}
	c.compiles++
	if c.entries == nil {
		c.entries = map[[32]byte]*checkedChild{}
	}
	if len(c.order) == maxCachedChildren {
		// Instances made from it run on: wazero lets a compiled module
		// close under them.
		c.entries[c.order[0]].compiled.Close(context.Background())
		delete(c.entries, c.order[0])
		c.order = slices.Delete(c.order, 0, 1)
	}
	c.entries[sum] = checked
	c.order = append(c.order, sum)
	return checked, nil
}

// browserModule returns checked's browser module, making it with make the
// first time.
func (c *childCache) browserModule(checked *checkedChild, make func() (any, error)) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if checked.browser == nil {
		module, err := make()
		if err != nil {
			return nil, err
		}
		checked.browser = module
	}
	return checked.browser, nil
}
