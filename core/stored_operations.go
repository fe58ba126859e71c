package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// storedOperationsFile is the version 1 simulation file
// MarshalStoredOperations writes when not every stored operation reads as
// an Operation: no reader takes it until unreadable_operations is removed.
type storedOperationsFile struct {
	Format     string                `json:"format"`
	Version    int                   `json:"version"`
	Operations []json.RawMessage     `json:"operations"`
	Unreadable []unreadableOperation `json:"unreadable_operations,omitempty"`
	Projects   []Project             `json:"projects,omitempty"`
}

// unreadableOperation is a stored operation that is not JSON, by its
// position among the stored operations.
type unreadableOperation struct {
	Position int      `json:"position"`
	Bytes    HexBytes `json:"bytes"`
}

// MarshalStoredOperations returns a simulation file of stored, operations
// as the page keeps them in IndexedDB: each the JSON of one Operation, and
// of projects, the page's. It replays none of them, so it saves a
// simulation that cannot be replayed, and it writes the projects as they
// are, unchecked: whatever the page kept is saved. When every operation
// reads as an Operation, the file is the one MarshalSimulationFile writes
// for them: version 3, with their checksum. Otherwise it is a version 1
// file, which has none: each operation that is JSON goes in as it is, and
// each that is not is left out and listed under "unreadable_operations", by
// position and as hex (docs/simulation-file.md).
func MarshalStoredOperations(stored [][]byte, projects []Project) ([]byte, error) {
	ops := make([]Operation, len(stored))
	for i, encoded := range stored {
		if err := json.Unmarshal(encoded, &ops[i]); err != nil {
			return marshalUnreadable(stored, projects)
		}
	}
	return marshalOperations(ops, projects)
}

// marshalUnreadable returns the version 1 file of stored and projects (see
// MarshalStoredOperations).
func marshalUnreadable(stored [][]byte, projects []Project) ([]byte, error) {
	file := storedOperationsFile{Format: SimulationFileFormat, Version: 1, Operations: []json.RawMessage{}, Projects: projects}
	for i, encoded := range stored {
		if utf8.Valid(encoded) && json.Valid(encoded) {
			file.Operations = append(file.Operations, encoded)
		} else {
			file.Unreadable = append(file.Unreadable, unreadableOperation{Position: i, Bytes: encoded})
		}
	}
	var out bytes.Buffer
	encoder := json.NewEncoder(&out)
	// Operations go in as they are, < and > too.
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", " ")
	if err := encoder.Encode(file); err != nil {
		return nil, fmt.Errorf("write simulation file: %w", err)
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), nil
}
