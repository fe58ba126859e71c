package core

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Project is an EE's source as the page's editor keeps it: its files, the
// one to compile, and its deploys to the simulation (builds, oldest first).
// A simulation file carries the page's projects beside its operations
// (docs/simulation-file.md); the core does not run them, it only checks
// their shape, and that each build's EE is one of the file's.
type Project struct {
	// ID is stable and unique among a file's projects.
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Language string         `json:"language"`
	Entry    string         `json:"entry"`
	Files    []ProjectFile  `json:"files"`
	Builds   []ProjectBuild `json:"builds"`
}

// ProjectLanguages are the languages a Project may be in, as the page's
// compiler names them.
var ProjectLanguages = []string{"assemblyscript", "wat"}

// checkProjects checks the projects of a file whose operations create
// eeCount EEs: at most MaxProjects, each id once, each EE built once, and
// each project as Project.check wants it.
func checkProjects(projects []Project, eeCount uint64) error {
	if len(projects) > MaxProjects {
		return fmt.Errorf("projects holds %d: want at most %d", len(projects), MaxProjects)
	}
	ids := make(map[string]int, len(projects))
	builtBy := make(map[uint64]string)
	for i := range projects {
		p := &projects[i]
		where := fmt.Sprintf("projects[%d]", i)
		if err := p.check(where, eeCount); err != nil {
			return err
		}
		if before, ok := ids[p.ID]; ok {
			return fmt.Errorf("%s.id %q is also projects[%d]'s: want each id once", where, p.ID, before)
		}
		ids[p.ID] = i
		for j, b := range p.Builds {
			at := fmt.Sprintf("%s.builds[%d]", where, j)
			if before, ok := builtBy[b.EEIndex]; ok {
				return fmt.Errorf("%s.ee_index %d is also %s's: want each EE built once", at, b.EEIndex, before)
			}
			builtBy[b.EEIndex] = at
		}
	}
	return nil
}

// check checks p, found at where ("projects[0]"), in a file whose
// operations create eeCount EEs.
func (p *Project) check(where string, eeCount uint64) error {
	if err := checkName(p.ID, where+".id"); err != nil {
		return err
	}
	if err := checkName(p.Name, where+".name"); err != nil {
		return err
	}
	if strings.TrimSpace(p.Name) == "" {
		return fmt.Errorf("%s.name is blank: want a name to show", where)
	}
	if !slices.Contains(ProjectLanguages, p.Language) {
		return fmt.Errorf(`%s.language %q is not one: want "assemblyscript" or "wat"`, where, p.Language)
	}
	size, err := checkFiles(p.Files, where+".files")
	if err != nil {
		return err
	}
	if err := checkEntry(p.Entry, p.Files, where+".entry"); err != nil {
		return err
	}
	switch {
	case p.Builds == nil:
		return fmt.Errorf("%s.builds is missing: want an array, empty when the project was never deployed", where)
	case len(p.Builds) > MaxProjectBuilds:
		return fmt.Errorf("%s.builds holds %d: want at most %d", where, len(p.Builds), MaxProjectBuilds)
	}
	for j := range p.Builds {
		at := fmt.Sprintf("%s.builds[%d]", where, j)
		n, err := p.Builds[j].check(at, eeCount)
		if err != nil {
			return err
		}
		if j > 0 && p.Builds[j].Version <= p.Builds[j-1].Version {
			return fmt.Errorf("%s.version is %d after %d: want versions increasing", at, p.Builds[j].Version, p.Builds[j-1].Version)
		}
		size += n
	}
	if size > MaxProjectTextSize {
		return fmt.Errorf("%s: its files and its builds' hold %d bytes of text: want at most %d", where, size, MaxProjectTextSize)
	}
	return nil
}

// checkName checks an id, name or path found at where: not empty, at most
// MaxProjectNameLength characters.
func checkName(name, where string) error {
	if name == "" {
		return fmt.Errorf("%s is empty: want a non-empty string", where)
	}
	if n := utf8.RuneCountInString(name); n > MaxProjectNameLength {
		return fmt.Errorf("%s is %d characters long: want at most %d", where, n, MaxProjectNameLength)
	}
	return nil
}
