package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// TestSourceThatCannotBeReadEndsTheReader: a source with no saved story
// whose first reading fails for good is reported as dump reports it, with
// exit status 1, and leaves no state behind.
func TestSourceThatCannotBeReadEndsTheReader(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	big := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("<!-- filler -->\n"), 200), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{filepath.Join(dir, "missing.xml")},
		{dir},
		{"--", "help"}, // a bare word, not a path; "help" alone is the help command
		{repoFile("bad/not-a-feed.html")},
		{srv.URL + "/live"},
		{"--max-size", "1KiB", big},
	} {
		stateDir := t.TempDir()
		code, out, errOut := runIn(t, stateIn(stateDir), args...)
		_, _, dumpErr := runIn(t, stateIn(t.TempDir()), append([]string{"dump"}, args...)...)
		if code != 1 || out != "" || errOut != dumpErr || errOut == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1 and dump's %q", args, code, out, errOut, dumpErr)
		}
		if files, _ := filepath.Glob(filepath.Join(stateDir, "*", "*")); len(files) > 0 {
			t.Errorf("%v: state written for a source never read: %v", args, files)
		}
	}
}

// stateIn is the environment of a run with its state in dir.
func stateIn(dir string) map[string]string { return map[string]string{"XDG_STATE_HOME": dir} }

// TestDumpFollowGivesUpOnASourceThatCannotBeRead: following a source that
// was never read and will not be ends at once, as a plain dump does.
func TestDumpFollowGivesUpOnASourceThatCannotBeRead(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	code, _, errOut := runIn(t, stateIn(t.TempDir()), "dump", "--follow", missing)
	_, _, plain := runIn(t, stateIn(t.TempDir()), "dump", missing)
	if code != 1 || errOut != plain {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, plain)
	}
}
