package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/tui"
)

// manPage is the manual page kept in the repository, for packagers and
// release archives.
var manPage = filepath.Join("..", "..", "docs", "liveline.1")

// updating says whether the tests run with -update (the golden package's
// flag), to rewrite what they keep.
func updating() bool {
	update := flag.Lookup("update")
	return update != nil && update.Value.String() == "true"
}

// TestManualIsFresh: "liveline man" prints the manual page the repository
// keeps; -update rewrites it.
func TestManualIsFresh(t *testing.T) {
	code, out, errOut := runCmd(t, "", "man")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if updating() {
		if err := os.WriteFile(manPage, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kept, err := os.ReadFile(manPage)
	if err != nil {
		t.Fatal(err)
	}
	if string(kept) != out {
		t.Errorf("docs/liveline.1 is not what liveline man prints; run go test ./cmd/liveline -run Manual -update")
	}
}

// TestManualSaysEverything: the manual names every command and flag, every
// key action, the config file's settings, the environment variables, the
// files and the exit codes, in roff that groff reads without a warning.
func TestManualSaysEverything(t *testing.T) {
	var b bytes.Buffer
	root := newCommand(nil, &environment{})
	writeManual(&b, root)
	page := b.String()
	plain := strings.NewReplacer(`\-`, "-", `\fB`, "", `\fI`, "", `\fR`, "", `\e`, `\`, `\&`, "").Replace(page)
	want := []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS", ".SH KEYS",
		".SH CONFIGURATION", ".SH ENVIRONMENT", ".SH FILES", ".SH EXIT STATUS",
		"NO_COLOR", "BROWSER", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "HOME", "config.toml", "[[stories]]", "[keys]", "[colours]"}
	for _, c := range allCommands(root) {
		want = append(want, c.UseLine())
		for _, f := range visibleFlags(c) {
			want = append(want, strings.TrimSpace(flagSynopsis(f)))
		}
	}
	for _, a := range tui.KeyActions() {
		want = append(want, a.Name+": "+a.Help)
	}
	for _, s := range exitStatuses {
		want = append(want, ".TP\n"+s.code+"\n")
	}
	for _, w := range want {
		if !strings.Contains(plain, w) {
			t.Errorf("the manual does not say %q", w)
		}
	}
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Log("no groff to read the manual")
		return
	}
	cmd := exec.Command(groff, "-man", "-ww", "-z")
	cmd.Stdin = &b
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
}

// TestManualKeepsWordsWhole: read at 80 columns, the manual splits no word
// with a hyphen of its own, so a path such as
// $XDG_CONFIG_HOME/liveline/config.toml stays whole and can be copied.
func TestManualKeepsWordsWhole(t *testing.T) {
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("no groff to read the manual")
	}
	var b bytes.Buffer
	writeManual(&b, newCommand(nil, &environment{}))
	cmd := exec.Command(groff, "-man", "-Tutf8", "-rLL=80n", "-P-c")
	cmd.Stdin = &b
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("groff: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(line, "\u2010") {
			t.Errorf("a word split at the end of a line: %q", line)
		}
	}
}
