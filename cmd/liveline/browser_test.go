package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeBrowser writes a command named name into dir that records its
// arguments, one a line, in dir/name.args, then exits with status code.
func fakeBrowser(t *testing.T, dir, name string, code int) string {
	t.Helper()
	path := filepath.Join(dir, name)
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$0.args\"\nexit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func calledWith(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path + ".args")
	if err != nil {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestBrowserOpenerHonoursBROWSER(t *testing.T) {
	const link = "https://news.example/live?a=1#latest"
	for _, tc := range []struct {
		name    string
		setting func(ok, failing string) string
		want    []string
	}{
		{"a command", func(ok, _ string) string { return ok }, []string{link}},
		{"arguments and the place of the link", func(ok, _ string) string { return ok + " --new-tab '%s' 100%%" }, []string{"--new-tab", link, "100%"}},
		{"the link inside an argument", func(ok, _ string) string { return ok + " --url=%s" }, []string{"--url=" + link}},
		{"a list whose first is missing", func(ok, _ string) string { return "no-such-browser-here:" + ok }, []string{link}},
		{"a list whose first fails", func(ok, failing string) string { return failing + ":" + ok }, []string{link}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ok, failing := fakeBrowser(t, dir, "ok", 0), fakeBrowser(t, dir, "failing", 1)
			if err := browserOpener(tc.setting(ok, failing))(link); err != nil {
				t.Fatal(err)
			}
			if got := calledWith(t, ok); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("the browser was given %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBrowserOpenerSaysWhatToSet(t *testing.T) {
	dir := t.TempDir()
	failing := fakeBrowser(t, dir, "failing", 1)
	err := browserOpener("no-such-browser-here:" + failing)("https://news.example/")
	if err == nil || !strings.Contains(err.Error(), "no-such-browser-here: not found") || !strings.Contains(err.Error(), "exit status 1") ||
		!strings.Contains(err.Error(), "set BROWSER to the command that opens a link") {
		t.Errorf("err = %v", err)
	}
	t.Setenv("PATH", t.TempDir()) // no xdg-open, nor any other opener
	err = browserOpener("")("https://news.example/")
	if err == nil || err.Error() != "no browser found; set BROWSER to the command that opens a link, for example BROWSER=firefox" {
		t.Errorf("with no opener at all: %v", err)
	}
}

// TestBrowserOpenerKeepsLinksFromTheShell: a link from a feed cannot break
// out of a BROWSER command that hands it to a shell.
func TestBrowserOpenerKeepsLinksFromTheShell(t *testing.T) {
	dir := t.TempDir()
	ok := fakeBrowser(t, dir, "ok", 0)
	marker := filepath.Join(dir, "owned")
	link := "https://news.example/a';touch " + marker + ";'b$(touch " + marker + ")"
	if err := browserOpener("sh -c '" + ok + " \"%s\"'")(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the link ran a command")
	}
	got := calledWith(t, ok)
	if len(got) != 1 || !strings.HasPrefix(got[0], "https://news.example/a%27%3Btouch%20") {
		t.Errorf("the browser was given %q", got)
	}
}

// TestBrowserStillRunningHasOpenedTheLink: a browser that keeps running
// (started for the link) is not waited for.
func TestBrowserStillRunningHasOpenedTheLink(t *testing.T) {
	start := time.Now()
	if err := browserOpener("sleep 30 %s")("5"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > browserGrace+time.Second {
		t.Errorf("took %v", d)
	}
}
