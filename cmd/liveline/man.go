package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/config"
	"github.com/liveline-tui/liveline/tui"
)

const manHelp = `Print liveline's manual page, in roff: its commands and flags (as their help
gives them), the reader's keys, the config file, the files and environment
variables it reads, and its exit codes. Read it with

  liveline man | man -l -

or keep it where man finds it:

  liveline man > ~/.local/share/man/man1/liveline.1`

// manCommand is "liveline man".
func manCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:               "man [flags]",
		Short:             "print the manual page",
		Long:              manHelp,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("man takes no argument, got %d", len(args))
			}
			writeManual(env.stdout, c.Root())
			return nil
		},
	}
}

// environmentVariables are the variables liveline reads, as the manual
// page lists them.
var environmentVariables = []struct{ name, help string }{
	{"BROWSER", "The command that opens links when the config file sets none, as other terminal programs read it: a command with its arguments, where %s stands for the link (without %s the link comes last), or a colon-separated list of such commands tried in order. Without it, the system's opener (xdg-open and the like)."},
	{"NO_COLOR", "When set and not empty, liveline draws without colour; everything stays readable without it."},
	{"XDG_CONFIG_HOME", "The config file is $XDG_CONFIG_HOME/liveline/config.toml; ~/.config/liveline/config.toml when it is unset or not an absolute path."},
	{"XDG_STATE_HOME", "Saved state is kept in $XDG_STATE_HOME/liveline; ~/.local/state/liveline when it is unset or not an absolute path."},
	{"HOME", "Your home folder, where the two folders above are by default, and what ~/ means in the config file."},
	{"TMUX", "Inside tmux, notifications are passed through to the terminal outside it (tmux needs \"set -g allow-passthrough on\")."},
	{"TERM, TERM_PROGRAM", "Say which notification sequence the terminal shows: OSC 777 (rxvt-unicode, foot, VTE-based terminals, Ghostty, WezTerm) or OSC 9."},
}

// exitStatuses are liveline's exit codes.
var exitStatuses = []struct{ code, help string }{
	{"0", "Success."},
	{"1", "A source failed: it could not be read and never will be as it is (dump: any source, after printing the others), or something else went wrong."},
	{"2", "Bad usage: an unknown flag or command, a refused value, or a config file refused."},
	{"3", "dump --grep matched no update."},
}

// files are the files and folders liveline reads and writes.
var files = []struct{ path, help string }{
	{"$XDG_CONFIG_HOME/liveline/config.toml", "The config file (see CONFIGURATION); --config names another."},
	{"$XDG_STATE_HOME/liveline/", "Saved state, one file per source: the story, read marks, stars, your place and the HTTP validators. Remove it to forget everything; --no-state neither reads nor writes it."},
	{"FILE.llrec", "A recording written with --record: JSON Lines, readable with jq; liveline replay plays it, liveline dump prints its final state."},
}

// writeManual writes liveline's manual page, in roff, from the command
// definitions under root and the reader's key and colour tables.
func writeManual(w io.Writer, root *cobra.Command) {
	m := &manual{w: w}
	m.line(`.TH LIVELINE 1 "" "liveline" "User Commands"`)
	m.line(`.nh`)   // no hyphenation: paths, flags and keys stay whole
	m.line(`.ad l`) // ragged right: no wide gaps where a long word will not split
	m.section("NAME")
	m.text(root.Name() + " - " + root.Short)
	m.section("SYNOPSIS")
	commands := slices.DeleteFunc(visibleCommands(root), func(c *cobra.Command) bool { return c.Name() == "help" })
	for i, c := range append([]*cobra.Command{root}, commands...) {
		if i > 0 {
			m.line(".br")
		}
		m.synopsis(c.UseLine())
	}
	m.section("DESCRIPTION")
	m.prose(root.Long)
	m.section("OPTIONS")
	m.flags(root)
	m.section("COMMANDS")
	for _, c := range visibleCommands(root) {
		m.line(".SS " + roffQuote(c.UseLine()))
		m.prose(c.Long)
		if flags := visibleFlags(c); len(flags) > 0 {
			m.line(".PP")
			m.text("Flags:")
			m.flags(c)
		}
	}
	m.section("KEYS")
	m.text("In the reader, ? lists every key. The keys of each action, as they are by default (the config file's [keys] table rebinds them, by the action's name):")
	for _, a := range tui.KeyActions() {
		keys := make([]string, len(a.Keys))
		for i, k := range a.Keys {
			keys[i] = `\fB` + roffEscape(k) + `\fR`
		}
		m.line(".TP")
		m.line(strings.Join(keys, ", "))
		m.text(a.Name + ": " + a.Help)
	}
	m.section("CONFIGURATION")
	m.text("liveline reads $XDG_CONFIG_HOME/liveline/config.toml (~/.config/liveline/config.toml when XDG_CONFIG_HOME is unset), or the file --config names, for the reader, the demo and replays. It is TOML; every setting is optional, and a flag given on the command line wins over the file. A file with an unknown setting, a bad value or one key bound to two actions that act in the same place is refused before anything starts, each problem with the file, the line and what is allowed, and liveline exits with status 2. Here is every setting:")
	m.line(".PP")
	m.literal(config.Example)
	m.line(".PP")
	m.text("The colours, with their defaults on a light and on a dark background:")
	for _, name := range slices.Sorted(maps.Keys(tui.Colours)) {
		d := tui.Colours[name]
		m.line(".TP")
		m.line(`\fB` + roffEscape(name) + `\fR`)
		m.text(d[0] + " on light, " + d[1] + " on dark")
	}
	m.section("ENVIRONMENT")
	for _, v := range environmentVariables {
		m.term(v.name, v.help)
	}
	m.section("FILES")
	for _, f := range files {
		m.term(f.path, f.help)
	}
	m.section("EXIT STATUS")
	for _, s := range exitStatuses {
		m.term(s.code, s.help)
	}
	m.section("SEE ALSO")
	m.text("The README, with the whole story of each feature: https://github.com/liveline-tui/liveline")
}

// manual writes roff.
type manual struct{ w io.Writer }

func (m *manual) line(s string) { fmt.Fprintln(m.w, s) }

func (m *manual) section(name string) { m.line(".SH " + name) }

// text writes a line of text, filled by the formatter.
func (m *manual) text(s string) { m.line(roffEscape(s)) }

// term writes a tagged paragraph: term in bold, then its description.
func (m *manual) term(term, desc string) {
	m.line(".TP")
	m.line(`\fB` + roffEscape(term) + `\fR`)
	m.text(desc)
}

// synopsis writes a usage line, the command in bold.
func (m *manual) synopsis(use string) {
	words := strings.Fields(use)
	n := 1
	if len(words) > 1 && !strings.HasPrefix(words[1], "[") && strings.ToLower(words[1]) == words[1] {
		n = 2 // liveline dump
	}
	m.line(`\fB` + roffEscape(strings.Join(words[:n], " ")) + `\fR ` + roffEscape(strings.Join(words[n:], " ")))
}

// prose writes help text: blank lines part paragraphs, and indented lines
// (commands to type) are kept as they are.
func (m *manual) prose(s string) {
	literal := false
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		indented := strings.HasPrefix(l, "  ")
		switch {
		case indented && !literal:
			m.line(".RS 4")
			m.line(".nf")
		case !indented && literal:
			m.line(".fi")
			m.line(".RE")
		}
		literal = indented
		switch {
		case l == "":
			m.line(".PP")
		case indented:
			m.text(strings.TrimSpace(l))
		default:
			m.text(l)
		}
	}
	if literal {
		m.line(".fi")
		m.line(".RE")
	}
}

// literal writes text as it is, unfilled and indented.
func (m *manual) literal(s string) {
	m.line(".RS 4")
	m.line(".nf")
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if l == "" {
			m.line(`\&`)
			continue
		}
		m.text(l)
	}
	m.line(".fi")
	m.line(".RE")
}

// flags writes c's flags as tagged paragraphs, as its help lists them.
func (m *manual) flags(c *cobra.Command) {
	for _, f := range visibleFlags(c) {
		m.line(".TP")
		m.line(manFlag(f))
		m.text(flagDescription(f))
	}
}

// manFlag is a flag's synopsis, its names in bold and its value in
// italics.
func manFlag(f *pflag.Flag) string {
	names := "\\-\\-" + roffEscape(f.Name)
	if f.Shorthand != "" {
		names = "\\-" + roffEscape(f.Shorthand) + ", " + names
	}
	s := `\fB` + names + `\fR`
	switch value := roffEscape(flagValueName(f)); {
	case value == "":
	case f.NoOptDefVal != "":
		s += `[=\fI` + value + `\fR]`
	default:
		s += ` \fI` + value + `\fR`
	}
	return s
}

// roffEscape makes text safe in roff: a backslash is written \e, a dash
// \- (so that flags copy as typed), and a line may not start with a
// control character.
func roffEscape(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffQuote quotes a macro's argument.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(roffEscape(s), `"`, `\(dq`) + `"`
}
