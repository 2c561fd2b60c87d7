package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// commandNames are the commands help lists, by how they are called.
func commandNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, c := range visibleCommands(newCommand(nil, &environment{})) {
		names = append(names, c.Name())
	}
	return names
}

// TestHelp: each command's help, kept in testdata/TestHelp; -update
// rewrites them. "liveline help CMD", "liveline CMD --help" and -h print
// the same, to standard output, with exit status 0, within 80 columns.
func TestHelp(t *testing.T) {
	for _, name := range append([]string{"liveline"}, commandNames(t)...) {
		t.Run(name, func(t *testing.T) {
			var ways [][]string
			if name == "liveline" {
				ways = [][]string{{"--help"}, {"-h"}, {"help"}, {"x.xml", "--help"}}
			} else {
				ways = [][]string{{name, "--help"}, {name, "-h"}, {"help", name}}
			}
			var first string
			for i, args := range ways {
				code, out, errOut := runCmd(t, "", args...)
				if code != 0 || errOut != "" {
					t.Fatalf("%q: exit %d, stderr %q", args, code, errOut)
				}
				if i == 0 {
					first = out
					continue
				}
				if out != first {
					t.Errorf("%q prints other help than %q:\n%s", args, ways[0], out)
				}
			}
			for _, line := range strings.Split(first, "\n") {
				if w := ansi.StringWidth(line); w > helpWidth {
					t.Errorf("a line of %d columns: %q", w, line)
				}
			}
			golden.RequireEqual(t, first)
		})
	}
}

// TestHelpNamesEveryFlag: a command's help lists each of its flags but
// those it hides.
func TestHelpNamesEveryFlag(t *testing.T) {
	for _, c := range allCommands(newCommand(nil, &environment{})) {
		var b strings.Builder
		writeHelp(&b, c)
		for _, f := range visibleFlags(c) {
			if !strings.Contains(b.String(), "--"+f.Name) {
				t.Errorf("%s's help does not name --%s", c.CommandPath(), f.Name)
			}
		}
	}
}

// TestHelpBreaksOnlyAtSpaces: help wraps between words, never at a
// hyphen, so a flag named in a description ("--follow") stays whole.
func TestHelpBreaksOnlyAtSpaces(t *testing.T) {
	brokenWord := regexp.MustCompile(`\S-$`)
	for _, c := range allCommands(newCommand(nil, &environment{})) {
		var b strings.Builder
		writeHelp(&b, c)
		for _, line := range strings.Split(b.String(), "\n") {
			if brokenWord.MatchString(line) {
				t.Errorf("%s's help breaks a word at a hyphen: %q", c.CommandPath(), line)
			}
		}
	}
}

func TestHelpOfNoSuchCommand(t *testing.T) {
	code, out, errOut := runCmd(t, "", "help", "bogus")
	want := `liveline: there is no command "bogus"; the commands are ` + joinOr(commandNames(t)) + "\nRun \"liveline help --help\" for usage.\n"
	if code != 2 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr\n%q\nwant\n%q", code, out, errOut, want)
	}
}
