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
		want := "liveline: " + tc.want + "\nRun \"liveline --help\" for usage.\n"
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
