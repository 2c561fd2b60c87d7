package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/liveline-tui/liveline/feed/state"
	"github.com/liveline-tui/liveline/model"
)

// completion is what liveline's completion engine offers, as the shells'
// scripts ask it ("liveline __complete ARGS... WORD").
type completion struct {
	names     []string
	descs     map[string]string
	directive cobra.ShellCompDirective
}

func complete(t *testing.T, vars map[string]string, args ...string) completion {
	t.Helper()
	code, out, errOut := runIn(t, vars, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut)
	}
	c := completion{descs: map[string]string{}}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if d, ok := strings.CutPrefix(line, ":"); ok {
			n, err := strconv.Atoi(d)
			if err != nil {
				t.Fatalf("__complete %q: directive %q", args, line)
			}
			c.directive = cobra.ShellCompDirective(n)
			break
		}
		name, desc, _ := strings.Cut(line, "\t")
		c.names = append(c.names, name)
		c.descs[name] = desc
	}
	return c
}

func (c completion) has(t *testing.T, what string, names ...string) {
	t.Helper()
	for _, n := range names {
		if !slices.Contains(c.names, n) {
			t.Errorf("%s: %q not offered among %q", what, n, c.names)
		}
	}
}

// flagNames are the flags c's help lists, as they are typed.
func flagNames(c *cobra.Command) []string {
	var names []string
	for _, f := range visibleFlags(c) {
		names = append(names, "--"+f.Name)
	}
	return names
}

// TestCompletionScriptForEachShell: "liveline completion SHELL" prints a
// script that registers liveline's completion in SHELL and asks liveline
// for the words, so that it never goes stale.
func TestCompletionScriptForEachShell(t *testing.T) {
	for shell, registers := range map[string]string{
		"bash":       "complete -o default -F __start_liveline liveline",
		"zsh":        "#compdef liveline",
		"fish":       "complete -c liveline",
		"powershell": "Register-ArgumentCompleter -CommandName 'liveline'",
	} {
		code, out, errOut := runCmd(t, "", "completion", shell)
		if code != 0 || errOut != "" {
			t.Errorf("%s: exit %d, stderr %q", shell, code, errOut)
		}
		if !strings.Contains(out, registers) || !strings.Contains(out, cobra.ShellCompRequestCmd) {
			t.Errorf("%s: the script does not register liveline's completion (%q) or ask liveline for it:\n%.300s", shell, registers, out)
		}
		// The shell, where it is installed, reads the script without
		// running it.
		noExec := map[string][]string{"bash": {"-n"}, "zsh": {"-n"}, "fish": {"--no-execute"}}[shell]
		if path, err := exec.LookPath(shell); err == nil && noExec != nil {
			cmd := exec.Command(path, noExec...)
			cmd.Stdin = strings.NewReader(out)
			if msg, err := cmd.CombinedOutput(); err != nil || len(msg) > 0 {
				t.Errorf("%s cannot read the script: %v\n%s", shell, err, msg)
			}
		}
	}
	code, _, errOut := runCmd(t, "", "completion", "tcsh")
	if code != 2 || !strings.Contains(errOut, `completion knows bash, zsh, fish or powershell, not "tcsh"`) {
		t.Errorf("an unknown shell: exit %d, %q", code, errOut)
	}
}

// TestCompletionNamesEveryCommandAndFlag: what the scripts complete names
// every command, and every flag of each.
func TestCompletionNamesEveryCommandAndFlag(t *testing.T) {
	vars := stateIn(t.TempDir())
	root := newCommand(nil, &environment{})
	var commands []string
	for _, c := range visibleCommands(root) {
		commands = append(commands, c.Name())
	}
	complete(t, vars, "").has(t, "liveline", commands...)
	complete(t, vars, "help", "").has(t, "liveline help", commands...)
	complete(t, vars, "completion", "").has(t, "liveline completion", shells...)
	for _, c := range allCommands(root) {
		args := strings.Fields(strings.TrimPrefix(c.CommandPath(), "liveline"))
		got := complete(t, vars, append(args, "--")...)
		got.has(t, c.CommandPath(), flagNames(c)...)
		for _, f := range got.names {
			if desc := got.descs[f]; desc == "" || strings.Contains(desc, "`") {
				t.Errorf("%s: %s is described as %q", c.CommandPath(), f, desc)
			}
		}
	}
	if got := complete(t, vars, "demo", "--"); !slices.Equal(got.names, []string{"--config", "--help", "--no-mouse"}) {
		t.Errorf("demo offers %q, want only the flags that act on it", got.names)
	}
}

func TestCompletionOfFlagValues(t *testing.T) {
	vars := stateIn(t.TempDir())
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"dump", "--format", ""}, []string{"text", "json"}},
		{[]string{"dump", "x.xml", "--format", ""}, []string{"text", "json"}},
		{[]string{"--notify="}, []string{"all", "key", "off"}},
		{[]string{"demo", "--config", ""}, nil},
	} {
		got := complete(t, vars, tc.args...)
		if !slices.Equal(got.names, tc.want) {
			t.Errorf("%q: %q, want %q", tc.args, got.names, tc.want)
		}
	}
	if got := complete(t, vars, "dump", "--format", ""); got.directive&cobra.ShellCompDirectiveNoFileComp == 0 {
		t.Errorf("--format lets the shell complete file names too (directive %d)", got.directive)
	}
}

// saveStory saves state for a story of source titled title, as if read
// at saved.
func saveStory(t *testing.T, dir, source, title string, saved time.Time) {
	t.Helper()
	snap := &model.Snapshot{Title: title, Updates: []model.Update{{ID: "a", Headline: "One", Body: model.TextBody("one"), Published: saved}}}
	snap.Prepare()
	story := model.NewStory()
	story.Merge(snap)
	s := state.Capture(source, story)
	s.Saved = saved
	if err := state.Save(dir, source, s); err != nil {
		t.Fatal(err)
	}
}

// TestCompletionOfSourcesFromRecentStories: a SOURCE completes from the
// stories read before, most recent first, each described by its title;
// what matches none is left to the shell's file names.
func TestCompletionOfSourcesFromRecentStories(t *testing.T) {
	vars := map[string]string{"HOME": t.TempDir()}
	dir, err := state.Dir(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	saveStory(t, dir, "https://news.example/live/strike", "Rail strike:\tday two", at)
	saveStory(t, dir, "/feeds/budget.xml", "Budget \x1b[31mday", at.Add(time.Hour))

	for _, args := range [][]string{{""}, {"dump", ""}, {"dump", "a.xml", ""}, {"--no-mouse", ""}} {
		got := complete(t, vars, args...)
		got.has(t, "liveline "+strings.Join(args, " "), "https://news.example/live/strike", "/feeds/budget.xml")
		if i, j := slices.Index(got.names, "/feeds/budget.xml"), slices.Index(got.names, "https://news.example/live/strike"); i > j {
			t.Errorf("%q: the story read last is not offered first: %q", args, got.names)
		}
		if got.directive&cobra.ShellCompDirectiveKeepOrder == 0 {
			t.Errorf("%q: the shell may reorder the stories (directive %d)", args, got.directive)
		}
	}
	got := complete(t, vars, "https")
	if !slices.Equal(got.names, []string{"https://news.example/live/strike"}) || got.descs["https://news.example/live/strike"] != "Rail strike: day two" {
		t.Errorf("https: %q %q", got.names, got.descs)
	}
	if got := complete(t, vars, "/feeds"); got.descs["/feeds/budget.xml"] != "Budget day" {
		t.Errorf("a title from a feed reaches the shell as %q", got.descs["/feeds/budget.xml"])
	}
	got = complete(t, vars, "./saved")
	if len(got.names) != 0 || got.directive&cobra.ShellCompDirectiveNoFileComp != 0 {
		t.Errorf("./saved: %q, directive %d; want nothing, and file names from the shell", got.names, got.directive)
	}
}

// loadCompletion returns the path of shell, the built liveline and a
// file holding liveline's completion script for shell; it skips the test
// where shell is not installed.
func loadCompletion(t *testing.T, shell string) (shellPath, bin, script string) {
	t.Helper()
	shellPath, err := exec.LookPath(shell)
	if err != nil {
		t.Skip("no " + shell)
	}
	bin, err = buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	script = filepath.Join(t.TempDir(), "liveline."+shell)
	if out, err := exec.Command(bin, "completion", shell).Output(); err != nil {
		t.Fatal(err)
	} else if err := os.WriteFile(script, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return shellPath, bin, script
}

// shellOffers runs a shell's cmd with liveline on the PATH and HOME at
// home, and returns the first word of each line it prints.
func shellOffers(t *testing.T, cmd *exec.Cmd, bin, home string) []string {
	t.Helper()
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"), "HOME="+home, "XDG_STATE_HOME=", "COLUMNS=200")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%q: %v\n%s", cmd.Args, err, out)
	}
	var offered []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		offered = append(offered, strings.Fields(l + " ")[0])
	}
	return offered
}

// TestCompletionInBash loads the bash script into bash and completes as
// bash does when Tab is pressed, with the real binary.
func TestCompletionInBash(t *testing.T) {
	bash, bin, script := loadCompletion(t, "bash")
	home := t.TempDir()
	dir, err := state.Dir(func(k string) string { return map[string]string{"HOME": home}[k] })
	if err != nil {
		t.Fatal(err)
	}
	saveStory(t, dir, "https://news.example/live/strike", "Rail strike", time.Now())
	// _get_comp_words_by_ref comes from the bash-completion package; this
	// is the part of it the script uses. compopt works only while bash
	// itself runs a completion.
	const prog = `
compopt() { :; }
_get_comp_words_by_ref() {
	words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
	cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
}
source "$1"
COMP_LINE=$2; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<<"$COMP_LINE"
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
if [[ $COMP_LINE == *" " ]]; then COMP_WORDS+=(""); COMP_CWORD=$(( COMP_CWORD + 1 )); fi
__start_liveline
printf '%s\n' "${COMPREPLY[@]}"
`
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"liveline ", []string{"completion", "demo", "dump", "help", "man", "recent", "replay", "version", "https://news.example/live/strike"}},
		{"liveline dump --f", []string{"--follow", "--format"}},
		{"liveline dump --format ", []string{"text", "json"}},
		{"liveline --notify=k", []string{"key"}},
		{"liveline replay --t", []string{"--true-time"}},
		{"liveline completion f", []string{"fish"}},
		// bash completes the word after the last colon, as COMP_WORDBREAKS says.
		{"liveline dump https://news", []string{"//news.example/live/strike"}},
	} {
		offered := shellOffers(t, exec.Command(bash, "--norc", "--noprofile", "-c", prog, "bash", script, tc.line), bin, home)
		for _, w := range tc.want {
			if !slices.Contains(offered, w) {
				t.Errorf("%q: bash offers %q, not %q", tc.line, offered, w)
			}
		}
	}
}

// TestCompletionInFish loads the fish script into fish, where fish is
// installed, and asks fish what it would complete.
func TestCompletionInFish(t *testing.T) {
	fish, bin, script := loadCompletion(t, "fish")
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"liveline ", []string{"completion", "demo", "dump", "help", "man", "recent", "replay", "version"}},
		{"liveline dump --", flagNames(dumpCommand(&environment{}))},
		{"liveline dump --format ", []string{"text", "json"}},
		{"liveline --notify=", []string{"--notify=all", "--notify=key", "--notify=off"}},
	} {
		offered := shellOffers(t, exec.Command(fish, "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, tc.line), bin, t.TempDir())
		for _, w := range tc.want {
			if !slices.Contains(offered, w) {
				t.Errorf("%q: fish offers %q, not %q", tc.line, offered, w)
			}
		}
	}
}
