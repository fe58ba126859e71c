package core_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// sampleProject is a project of two files, one read-only, deployed once as
// EE eeIndex.
func sampleProject(eeIndex uint64) core.Project {
	return core.Project{
		ID:       "p1",
		Name:     "counter",
		Language: "assemblyscript",
		Entry:    "main.ts",
		Files: []core.ProjectFile{
			{Path: "main.ts", Text: "import { x } from './lib/eth2';\nif (a < b && c > d) {}\n"},
			{Path: "lib/eth2.ts", Text: "// library", ReadOnly: true},
		},
		Builds: []core.ProjectBuild{{Version: 1, EEIndex: eeIndex, Entry: "main.ts", Files: []core.ProjectFile{{Path: "main.ts", Text: "old"}}}},
	}
}

func TestSimulationFileKeepsProjects(t *testing.T) {
	sim := busySimulation(t)
	projects := []core.Project{sampleProject(1), {ID: "p2", Name: "blank", Language: "wat", Entry: "main.wat", Files: []core.ProjectFile{{Path: "main.wat", Text: "(module)"}}, Builds: []core.ProjectBuild{}}}
	file, err := core.MarshalSimulationFile(sim, projects)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(file), `"text": "import { x } from './lib/eth2';\nif (a < b && c > d) {}\n"`) {
		t.Errorf("the source is not written as it is:\n%s", file)
	}
	read, got, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), file)
	if err != nil {
		t.Fatal(err)
	}
	assertSameSimulation(t, read, sim)
	if !reflect.DeepEqual(got, projects) {
		t.Errorf("projects read back\n%+v\nwant\n%+v", got, projects)
	}
	again, err := core.MarshalSimulationFile(read, got)
	if err != nil || string(again) != string(file) {
		t.Errorf("the file read back marshals differently (%v)", err)
	}
}

// withProjects returns the JSON of a version 3 file of sim's operations,
// with projects given as JSON (the checksum covers the operations only).
func withProjects(t *testing.T, sim *core.Simulation, projects string) string {
	t.Helper()
	file, err := core.MarshalSimulationFile(sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(editFileFields(t, file, func(fields map[string]json.RawMessage) { fields["projects"] = json.RawMessage(projects) }))
}

func TestReadSimulationFileProjectErrors(t *testing.T) {
	sim := busySimulation(t) // two EEs
	file := `"files": [{"path": "main.ts", "text": ""}]`
	build := `{"version": 1, "ee_index": 0, "entry": "main.ts", ` + file + `}`
	project := func(fields string) string {
		return `[{"id": "p1", "name": "counter", "language": "assemblyscript", "entry": "main.ts", ` + fields + `}]`
	}
	tests := []struct {
		name, projects, want string
	}{
		{"unknown field", project(file + `, "builds": [], "owner": "me"`), `field "projects[0].owner": unknown field: want "id", "name", "language", "entry", "files" or "builds"`},
		{"a field in another case", project(file + `, "builds": [{"version": 1, "EE_INDEX": 0}]`), `field "projects[0].builds[0].EE_INDEX": unknown field; field names are matched exactly: did you mean "ee_index"?`},
		{"not an array", `{}`, "json: cannot unmarshal object into Go struct field simulationFile.projects of type []core.Project"},
		{"empty id", `[{"id": "", "name": "x", "language": "wat", "entry": "main.ts", ` + file + `, "builds": []}]`, "projects[0].id is empty: want a non-empty string"},
		{"blank name", `[{"id": "p1", "name": " ", "language": "wat", "entry": "main.ts", ` + file + `, "builds": []}]`, "projects[0].name is blank: want a name to show"},
		{"long name", `[{"id": "p1", "name": "` + strings.Repeat("é", 201) + `", "language": "wat", "entry": "main.ts", ` + file + `, "builds": []}]`, "projects[0].name is 201 characters long: want at most 200"},
		{"unknown language", `[{"id": "p1", "name": "x", "language": "rust", "entry": "main.ts", ` + file + `, "builds": []}]`, `projects[0].language "rust" is not one: want "assemblyscript" or "wat"`},
		{"no files", project(`"builds": []`), "projects[0].files is missing: want an array of files"},
		{"empty files", project(`"files": [], "builds": []`), "projects[0].files is empty: want at least one file"},
		{"a path twice", project(`"files": [{"path": "main.ts", "text": ""}, {"path": "main.ts", "text": "x"}], "builds": []`), `projects[0].files[1].path "main.ts" is also projects[0].files[0]'s: want each path once`},
		{"a path going up", project(`"files": [{"path": "../main.ts", "text": ""}], "builds": []`), `projects[0].files[0].path "../main.ts" is not a relative path: want names joined by "/", without "." or ".." (like "helloworld/main.ts")`},
		{"an absolute path", project(`"files": [{"path": "/main.ts", "text": ""}], "builds": []`), `projects[0].files[0].path "/main.ts" is not a relative path: want names joined by "/", without "." or ".." (like "helloworld/main.ts")`},
		{"entry not among the files", project(`"files": [{"path": "lib.ts", "text": ""}], "builds": []`), `projects[0].entry "main.ts" is not among the files: want one of their paths`},
		{"no builds", project(file), "projects[0].builds is missing: want an array, empty when the project was never deployed"},
		{"version 0", project(file + `, "builds": [{"version": 0, "ee_index": 0, "entry": "main.ts", ` + file + `}]`), "projects[0].builds[0].version is 0: want a whole number from 1"},
		{"a build of no EE", project(file + `, "builds": [{"version": 1, "ee_index": 2, "entry": "main.ts", ` + file + `}]`), "projects[0].builds[0].ee_index is 2: want one of the 2 EEs the file's operations create"},
		{"versions not increasing", project(file + `, "builds": [` + build + `, {"version": 1, "ee_index": 1, "entry": "main.ts", ` + file + `}]`), "projects[0].builds[1].version is 1 after 1: want versions increasing"},
		{"a build entry not among its files", project(file + `, "builds": [{"version": 1, "ee_index": 0, "entry": "lib.ts", ` + file + `}]`), `projects[0].builds[0].entry "lib.ts" is not among the files: want one of their paths`},
		{"an EE built twice", `[{"id": "p1", "name": "a", "language": "wat", "entry": "main.ts", ` + file + `, "builds": [` + build + `]}, {"id": "p2", "name": "b", "language": "wat", "entry": "main.ts", ` + file + `, "builds": [` + build + `]}]`,
			"projects[1].builds[0].ee_index 0 is also projects[0].builds[0]'s: want each EE built once"},
		{"an id twice", `[{"id": "p1", "name": "a", "language": "wat", "entry": "main.ts", ` + file + `, "builds": []}, {"id": "p1", "name": "b", "language": "wat", "entry": "main.ts", ` + file + `, "builds": []}]`,
			`projects[1].id "p1" is also projects[0]'s: want each id once`},
		{"too much text", project(`"files": [{"path": "main.ts", "text": "` + strings.Repeat("x", core.MaxProjectTextSize+1) + `"}], "builds": []`), "projects[0]: its files and its builds' hold 4194305 bytes of text: want at most 4194304"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, _, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), []byte(withProjects(t, sim, test.projects)))
			if want := "read simulation file: " + test.want; err == nil || err.Error() != want {
				t.Fatalf("ReadSimulationFile = %v\nwant %q", err, want)
			}
		})
	}
}

func TestReadSimulationFileVersion2HasNoProjects(t *testing.T) {
	sim := busySimulation(t)
	v3 := withProjects(t, sim, `[]`)
	v2 := strings.Replace(v3, `"version":3`, `"version":2`, 1)
	const want = "read simulation file: version 2 files have no projects, which came with version 3: the file was edited"
	if _, _, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), []byte(v2)); err == nil || err.Error() != want {
		t.Fatalf("ReadSimulationFile = %v\nwant %q", err, want)
	}
	// Without projects, a version 2 file reads, with none.
	without := strings.Replace(v2, `,"projects":[]`, ``, 1)
	read, projects, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), []byte(without))
	if err != nil {
		t.Fatal(err)
	}
	if projects != nil {
		t.Errorf("projects = %+v, want none", projects)
	}
	assertSameSimulation(t, read, sim)
}

func TestMarshalSimulationFileChecksProjects(t *testing.T) {
	sim := busySimulation(t)
	const want = "write simulation file: projects[0].builds[0].ee_index is 5: want one of the 2 EEs the file's operations create"
	if _, err := core.MarshalSimulationFile(sim, []core.Project{sampleProject(5)}); err == nil || err.Error() != want {
		t.Fatalf("MarshalSimulationFile = %v\nwant %q", err, want)
	}
}
