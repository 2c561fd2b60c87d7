package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/feed/demo"
)

// The text dump's In numbers section and the JSON say the same: the page's
// list line for line, then the trackers and other pinned figures, each
// shown on a line of the text (several subjects of one measure share one),
// and no line that shows none of them.
func TestDumpNumbersTextAgreesWithJSON(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "demo.llrec.gz")
	if err := os.WriteFile(rec, demo.Recording(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{repoFile("strike.xml"), repoFile("strike.json"), rec, electionFeed(t)} {
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
				Text, Subject string
				Pinned        bool
			}
		}
		if err := json.Unmarshal([]byte(out), &story); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		lines := numbersSection(text)
		if len(lines) < len(story.InNumbers) {
			t.Fatalf("%s: %d lines in the text section, %d list lines in the JSON", src, len(lines), len(story.InNumbers))
		}
		for i, l := range story.InNumbers {
			if lines[i] != l {
				t.Errorf("%s: list line %d: text %q, JSON %q", src, i, lines[i], l)
			}
		}
		shown := lines[len(story.InNumbers):]
		used := make([]bool, len(shown))
		pinned := 0
		for _, f := range story.Figures {
			if !f.Pinned {
				continue
			}
			pinned++
			at := slices.IndexFunc(shown, func(l string) bool { return strings.Contains(l, f.Text) && strings.Contains(l, f.Subject) })
			if at < 0 {
				t.Errorf("%s: pinned figure %q (%s) on no line:\n%s", src, f.Text, f.Subject, strings.Join(shown, "\n"))
				continue
			}
			used[at] = true
		}
		for i, u := range used {
			if !u {
				t.Errorf("%s: line %q shows no pinned figure", src, shown[i])
			}
		}
		if pinned < len(story.Trackers) {
			t.Errorf("%s: %d trackers but %d figures pinned", src, len(story.Trackers), pinned)
		}
		for _, tr := range story.Trackers {
			if !slices.ContainsFunc(shown, func(l string) bool { return strings.Contains(l, tr.Subject) && strings.Contains(l, tr.Latest.Text) }) {
				t.Errorf("%s: tracker %q (%s) on no line", src, tr.Key, tr.Latest.Text)
			}
		}
	}
}

// Per-party figures of one measure share a line of the text, and the JSON
// keeps one tracker per party.
func TestDumpNumbersSeveralSubjects(t *testing.T) {
	src := electionFeed(t)
	code, text, errOut := runCmd(t, "", "dump", src)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := numbersSection(text)
	want := "Greenway 301 (from 288) · Harbour 240 (from 233) seats"
	if !slices.Contains(lines, want) {
		t.Errorf("no line %q in:\n%s", want, strings.Join(lines, "\n"))
	}
	_, out, _ := runCmd(t, "", "dump", "--format", "json", src)
	var story struct{ Trackers []struct{ Subject string } }
	if err := json.Unmarshal([]byte(out), &story); err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, tr := range story.Trackers {
		subjects = append(subjects, tr.Subject)
	}
	if !slices.Contains(subjects, "Greenway") || !slices.Contains(subjects, "Harbour") {
		t.Errorf("trackers for %q, want one for each party", subjects)
	}
}

// electionFeed writes a small JSON Feed of an invented election night and
// returns its path.
func electionFeed(t *testing.T) string {
	t.Helper()
	feed := `{"version": "https://jsonfeed.org/version/1.1", "title": "Count night", "items": [
	{"id": "3", "date_published": "2024-05-03T04:00:00Z", "title": "Greenway pull ahead", "content_text": "Greenway now have 301 seats and Harbour have 240 seats."},
	{"id": "2", "date_published": "2024-05-03T02:00:00Z", "title": "Still close", "content_text": "Greenway have won 288 seats so far, and Harbour have 233 seats."},
	{"id": "1", "date_published": "2024-05-03T00:00:00Z", "title": "Counting begins", "content_text": "Counting has started in every ward."}]}`
	path := filepath.Join(t.TempDir(), "count.json")
	if err := os.WriteFile(path, []byte(feed), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
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
