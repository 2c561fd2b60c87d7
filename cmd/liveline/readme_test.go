package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

var readme = "../../README.md"

// commandsTable lists the commands as the README does.
func commandsTable(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString("| command | what it does |\n|---|---|\n")
	for _, c := range append([]*cobra.Command{root}, visibleCommands(root)...) {
		b.WriteString("| `" + c.UseLine() + "` | " + c.Short + " |\n")
	}
	return b.String()
}

// flagsTable lists every command's flags as the README does: a row per
// flag, with the commands that take it (all, for one every command
// takes); a flag whose help differs between commands has a row for each.
func flagsTable(root *cobra.Command) string {
	type row struct {
		name, synopsis, desc string
		commands             []string
	}
	var rows []*row
	all := allCommands(root)
	for _, c := range all {
		for _, f := range visibleFlags(c) {
			syn, desc := strings.TrimSpace(flagSynopsis(f)), flagDescription(f)
			i := slices.IndexFunc(rows, func(r *row) bool { return r.synopsis == syn && r.desc == desc })
			if i < 0 {
				rows = append(rows, &row{name: f.Name, synopsis: syn, desc: desc})
				i = len(rows) - 1
			}
			rows[i].commands = append(rows[i].commands, c.Name())
		}
	}
	slices.SortStableFunc(rows, func(a, b *row) int { return strings.Compare(a.name, b.name) })
	var b strings.Builder
	b.WriteString("| flag | commands | meaning |\n|---|---|---|\n")
	for _, r := range rows {
		commands := strings.Join(r.commands, ", ")
		if len(r.commands) == len(all) {
			commands = "all"
		}
		b.WriteString("| `" + strings.ReplaceAll(r.synopsis, "|", `\|`) + "` | " + commands + " | " + r.desc + " |\n")
	}
	return b.String()
}

// TestREADMEAgreesWithTheCommands keeps the README's lists of commands and
// flags in step with the command definitions; -update rewrites them.
func TestREADMEAgreesWithTheCommands(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	root := newCommand(nil, &environment{})
	for _, block := range []struct{ start, end, want string }{
		{"<!-- commands: generated from the command definitions by cmd/liveline's tests -->\n", "<!-- end of commands -->", commandsTable(root)},
		{"<!-- flags: generated from the command definitions by cmd/liveline's tests -->\n", "<!-- end of flags -->", flagsTable(root)},
	} {
		i, j := strings.Index(doc, block.start), strings.Index(doc, block.end)
		if i < 0 || j < i {
			t.Fatalf("the README has no block between %q and %q", block.start, block.end)
		}
		i += len(block.start)
		if doc[i:j] == block.want {
			continue
		}
		if !updating() {
			t.Errorf("the README's list after %q is out of date; run go test ./cmd/liveline -run README -update", strings.TrimSpace(block.start))
			continue
		}
		doc = doc[:i] + block.want + doc[j:]
	}
	if updating() {
		if err := os.WriteFile(readme, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
