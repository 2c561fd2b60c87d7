package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/readmeblock"
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
	root := newCommand(nil, &environment{})
	readmeblock.Check(t, readme, []readmeblock.Block{
		{Start: "<!-- commands: generated from the command definitions by cmd/liveline's tests -->\n", End: "<!-- end of commands -->", Want: commandsTable(root)},
		{Start: "<!-- flags: generated from the command definitions by cmd/liveline's tests -->\n", End: "<!-- end of flags -->", Want: flagsTable(root)},
	}, updating(), "go test ./cmd/liveline -run README -update")
}
