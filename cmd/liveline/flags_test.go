package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsSayWhatIsAllowed: every flag value is checked, and a refusal
// says what the flag takes.
func TestFlagsSayWhatIsAllowed(t *testing.T) {
	feed := repoFile("strike.xml")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--interval", "10", feed}, "--interval needs a unit, for example 30s"},
		{[]string{"--interval", "0", feed}, "--interval must be above 0, for example 30s"},
		{[]string{"--interval", "-5s", feed}, "--interval must be above 0, for example 30s"},
		{[]string{"dump", "--interval", "soon", feed}, `--interval takes a length of time such as 30s (units h, m, s, ms), not "soon"`},
		{[]string{"dump", feed, "--interval"}, "--interval needs a value"},
		{[]string{"dump", "--max-size", "0", feed}, `--max-size takes a size above 0 such as 512KiB or 50MiB (up to 1TiB), not "0"`},
		{[]string{"dump", "--max-size", "lots", feed}, `--max-size takes a size above 0 such as 512KiB or 50MiB (up to 1TiB), not "lots"`},
		{[]string{"dump", "--user-agent", "bot\r\nX-Evil: 1", feed}, "--user-agent must be printable text on one line"},
		{[]string{"--notify=maybe", feed}, `--notify takes no value, =key or =all, not "maybe"`},
		{[]string{"--no-state=maybe", feed}, `--no-state takes no value (or =true, =false), not "maybe"`},
		{[]string{"replay", "--speed", "0", feed}, `--speed takes a number from 0.25 to 100000 (story seconds per real second), for example 10, not "0"`},
		{[]string{"replay", "--speed", "fast", feed}, `--speed takes a number from 0.25 to 100000 (story seconds per real second), for example 10, not "fast"`},
		{[]string{"replay", "--at", "90", feed}, "--at needs a unit, for example 1h30m"},
		{[]string{"replay", "--at", "-1m", feed}, "--at cannot be negative; give a length of time such as 1h30m"},
		{[]string{"replay", "--end=maybe", feed}, `--end takes no value (or =true, =false), not "maybe"`},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		command := "liveline"
		if tc.args[0] == "dump" || tc.args[0] == "replay" {
			command += " " + tc.args[0]
		}
		want := "liveline: " + tc.want + "\nRun \"" + command + " --help\" for usage.\n"
		if code != 2 || errOut != want {
			t.Errorf("%q: exit %d, stderr\n%q\nwant exit 2 and\n%q", tc.args, code, errOut, want)
		}
	}
}

// TestReplayErrorsReadLikeDumps: replay says what is wrong with its file as
// dump does, and that an address must be recorded first.
func TestReplayErrorsReadLikeDumps(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.xml")
	os.WriteFile(empty, []byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"replay", filepath.Join(dir, "missing.xml")}, 1, "liveline: reading " + filepath.Join(dir, "missing.xml") + ": no such file; check the path\n"},
		{[]string{"replay", dir}, 1, "liveline: reading " + dir + ": it is a directory; give a feed, page or recording file\n"},
		{[]string{"replay", repoFile("bad/not-a-feed.html")}, 1, "liveline: reading ../../testdata/bad/not-a-feed.html: not a feed or live-blog page"},
		{[]string{"replay", empty}, 1, "liveline: reading " + empty + ": nothing to replay: it holds no updates\n"},
		{[]string{"replay", "https://news.example/live"}, 2, `liveline: replay takes a recording or a saved feed or page file, not an address; record the story as you read it with "liveline --record story.llrec https://news.example/live", then run "liveline replay story.llrec"`},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%q: exit %d, stderr\n%q\nwant exit %d and\n%q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// TestGNUStyleFlags: a flag's value follows an = or stands as the next
// argument, flags may follow the sources, -- ends the flags, and --notify
// stands alone or takes =key.
func TestGNUStyleFlags(t *testing.T) {
	feed := repoFile("strike.xml")
	for _, args := range [][]string{
		{"dump", "--interval=1m", "--format=json", feed},
		{"dump", "--interval", "1m", "--format", "json", feed},
		{"dump", feed, "--format", "json", "--interval", "1m"},
		{"dump", "--format", "json", "--", feed},
	} {
		code, out, errOut := runCmd(t, "", args...)
		if code != 0 || !strings.HasPrefix(out, "{") {
			t.Errorf("%q: exit %d, stdout %.40q, stderr %q", args, code, out, errOut)
		}
	}
	code, _, errOut := runCmd(t, "", "dump", "--", "--format")
	if code != 1 || !strings.Contains(errOut, "reading --format: no such file") {
		t.Errorf("after --, --format is a source: exit %d, %q", code, errOut)
	}

	for _, tc := range []struct {
		args       []string
		notify     string
		positional []string
	}{
		{[]string{"--notify", "a.xml"}, "all", []string{"a.xml"}},
		{[]string{"a.xml", "--notify=key"}, "key", []string{"a.xml"}},
		{[]string{"--notify=off", "a.xml", "b.xml"}, "", []string{"a.xml", "b.xml"}},
		{[]string{"--notify", "key"}, "all", []string{"key"}},
	} {
		root := newCommand(tc.args, &environment{})
		if err := root.ParseFlags(tc.args); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if got := root.Flags().Lookup("notify").Value.String(); got != tc.notify {
			t.Errorf("%q: --notify is %q, want %q", tc.args, got, tc.notify)
		}
		if got := root.Flags().Args(); strings.Join(got, " ") != strings.Join(tc.positional, " ") {
			t.Errorf("%q: sources %q, want %q", tc.args, got, tc.positional)
		}
	}
}

// TestLongFlagsWithOneDash: Go's flag package took -interval; now a long
// flag takes two dashes, and saying so is the whole message.
func TestLongFlagsWithOneDash(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-interval", "30s", "x.xml"}, "liveline: -interval: a long flag takes two dashes: --interval\nRun \"liveline --help\" for usage.\n"},
		{[]string{"dump", "-format=json", "x.xml"}, "liveline: -format=json: a long flag takes two dashes: --format\nRun \"liveline dump --help\" for usage.\n"},
		{[]string{"-help"}, "liveline: -help: a long flag takes two dashes: --help\nRun \"liveline --help\" for usage.\n"},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != 2 || out != "" || errOut != tc.want {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q\nwant exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// TestUnknownFlags: an unknown flag is named once, after the command it
// is unknown to (a flag of one command may be unknown to another).
func TestUnknownFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "liveline: unknown flag --bogus\nRun \"liveline --help\" for usage.\n"},
		{[]string{"--bogus=1", "x.xml"}, "liveline: unknown flag --bogus\nRun \"liveline --help\" for usage.\n"},
		{[]string{"-x", "x.xml"}, "liveline: unknown flag -x\nRun \"liveline --help\" for usage.\n"},
		{[]string{"dump", "--bogus", "x.xml"}, "liveline dump: unknown flag --bogus\nRun \"liveline dump --help\" for usage.\n"},
		{[]string{"dump", "--speed", "10", "x.xml"}, "liveline dump: unknown flag --speed\nRun \"liveline dump --help\" for usage.\n"},
		{[]string{"replay", "-x", "r.llrec"}, "liveline replay: unknown flag -x\nRun \"liveline replay --help\" for usage.\n"},
		{[]string{"replay", "-hx", "r.llrec"}, "liveline replay: unknown flag -x (in -hx)\nRun \"liveline replay --help\" for usage.\n"},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != 2 || out != "" || errOut != tc.want {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q\nwant exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}
