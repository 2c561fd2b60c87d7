package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		{"help"},
		{repoFile("bad/not-a-feed.html")},
		{srv.URL + "/live"},
		{"--max-size", "1KiB", big},
	} {
		stateDir := t.TempDir()
		code, out, errOut := runIn(t, stateDir, args...)
		_, _, dumpErr := runIn(t, t.TempDir(), append([]string{"dump"}, args...)...)
		if code != 1 || out != "" || errOut != dumpErr || errOut == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1 and dump's %q", args, code, out, errOut, dumpErr)
		}
		if files, _ := filepath.Glob(filepath.Join(stateDir, "*", "*")); len(files) > 0 {
			t.Errorf("%v: state written for a source never read: %v", args, files)
		}
	}
}

// runIn runs liveline in process with its state in stateDir.
func runIn(t *testing.T, stateDir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, location: time.UTC,
		getenv: func(k string) string {
			if k == "XDG_STATE_HOME" {
				return stateDir
			}
			return ""
		}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code = run(ctx, args, env)
	return code, out.String(), errOut.String()
}

// TestDumpFollowGivesUpOnASourceThatCannotBeRead: following a source that
// was never read and will not be ends at once, as a plain dump does.
func TestDumpFollowGivesUpOnASourceThatCannotBeRead(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	code, _, errOut := runIn(t, t.TempDir(), "dump", "--follow", missing)
	_, _, plain := runIn(t, t.TempDir(), "dump", missing)
	if code != 1 || errOut != plain {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, plain)
	}
}
