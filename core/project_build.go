package core

import "fmt"

// ProjectBuild is one deploy of a Project: the EE it created, by index in
// the simulation, and the exact files it was built from. Version counts the
// project's deploys from 1: the page names the EE "NAME vVERSION".
type ProjectBuild struct {
	Version uint64        `json:"version"`
	EEIndex uint64        `json:"ee_index"`
	Entry   string        `json:"entry"`
	Files   []ProjectFile `json:"files"`
}

// check checks b, found at where ("projects[0].builds[1]"), in a file whose
// operations create eeCount EEs; it returns the bytes of its files' text.
func (b *ProjectBuild) check(where string, eeCount uint64) (int, error) {
	if b.Version == 0 {
		return 0, fmt.Errorf("%s.version is 0: want a whole number from 1", where)
	}
	if b.EEIndex >= eeCount {
		return 0, fmt.Errorf("%s.ee_index is %d: want one of the %d EEs the file's operations create", where, b.EEIndex, eeCount)
	}
	size, err := checkFiles(b.Files, where+".files")
	if err != nil {
		return 0, err
	}
	return size, checkEntry(b.Entry, b.Files, where+".entry")
}
