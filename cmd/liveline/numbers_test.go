package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/feed/demo"
)

// The text dump's In numbers section and the JSON say the same: the page's
// list line for line, then one line per tracker and per other pinned figure.
func TestDumpNumbersTextAgreesWithJSON(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "demo.llrec.gz")
	if err := os.WriteFile(rec, demo.Recording(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{repoFile("strike.xml"), repoFile("strike.json"), rec} {
		code, text, errOut := runCmd(t, "", "dump", src)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", src, code, errOut)
		}
		code, out, errOut := runCmd(t, "", "dump", "--format", "json", src)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", src, code, errOut)
		}
		var story struct {
			InNumbers []string `json:"in_numbers"`
			Trackers  []struct {
				Key, Subject string
				Latest       struct{ Text string }
				History      []struct{ Text string }
			}
			Figures []struct {
				Text   string
				Pinned bool
			}
		}
		if err := json.Unmarshal([]byte(out), &story); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		lines := numbersSection(text)
		pinned := 0
		for _, f := range story.Figures {
			if f.Pinned {
				pinned++
			}
		}
		if want := len(story.InNumbers) + pinned; len(lines) != want {
			t.Fatalf("%s: %d lines in the text section, JSON pins %d (+%d list lines):\n%s", src, len(lines), pinned, len(story.InNumbers), strings.Join(lines, "\n"))
		}
		if pinned < len(story.Trackers) {
			t.Errorf("%s: %d trackers but %d figures pinned", src, len(story.Trackers), pinned)
		}
		for i, l := range story.InNumbers {
			if lines[i] != l {
				t.Errorf("%s: list line %d: text %q, JSON %q", src, i, lines[i], l)
			}
		}
		for i, tr := range story.Trackers {
			if l := lines[len(story.InNumbers)+i]; !strings.Contains(l, tr.Subject) || !strings.Contains(l, tr.Latest.Text) {
				t.Errorf("%s: tracker %q (%s) shown as %q", src, tr.Key, tr.Latest.Text, l)
			}
		}
	}
}

// numbersSection returns the lines of a text dump's In numbers section,
// their wrapping undone.
func numbersSection(text string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case l == "In numbers":
			in = true
		case !in:
		case l == "":
			return out
		case strings.HasPrefix(l, "- "):
			out = append(out, l[2:])
		case strings.HasPrefix(l, "  ") && len(out) > 0:
			out[len(out)-1] += " " + strings.TrimSpace(l)
		}
	}
	return out
}
