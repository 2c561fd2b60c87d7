package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDumpGrepSaysHowManyMatch: with --grep, the text's header counts the
// updates that match out of those read, and the JSON says the same in
// "grep"; without it, neither does. Nothing matching exits 3 and prints
// nothing on standard error, as grep does.
func TestDumpGrepSaysHowManyMatch(t *testing.T) {
	feed := repoFile("strike.xml")
	for _, tc := range []struct {
		query   string
		code    int
		matched int
		header  string
	}{
		{"operations", 0, 4, "4 of 35 updates match “operations”"},
		{`operations  -"day case"`, 0, 3, "3 of 35 updates match “operations -\"day case\"”"},
		{"zzzzunmatched", 3, 0, "0 of 35 updates match “zzzzunmatched”"},
	} {
		code, out, errOut := runCmd(t, "", "dump", "--grep", tc.query, feed)
		if code != tc.code || errOut != "" {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and nothing", tc.query, code, errOut, tc.code)
		}
		if !strings.Contains(out, "\n"+tc.header+"\n") {
			t.Errorf("%q: the text has no header %q:\n%.400s", tc.query, tc.header, out)
		}
		if n := strings.Count(out, "\n"+rule+"\n"); n != tc.matched {
			t.Errorf("%q: %d updates printed, want %d", tc.query, n, tc.matched)
		}

		code, out, errOut = runCmd(t, "", "dump", "--format", "json", "--grep", tc.query, feed)
		var story struct {
			Grep *struct {
				Query   string `json:"query"`
				Matched int    `json:"matched"`
				Read    int    `json:"read"`
			} `json:"grep"`
			Updates []json.RawMessage `json:"updates"`
		}
		if err := json.Unmarshal([]byte(out), &story); err != nil || code != tc.code || errOut != "" {
			t.Fatalf("%q as JSON: exit %d, %v, stderr %q", tc.query, code, err, errOut)
		}
		if g := story.Grep; g == nil || g.Query != strings.Join(strings.Fields(tc.query), " ") || g.Matched != tc.matched || g.Read != 35 || len(story.Updates) != tc.matched {
			t.Errorf("%q as JSON: grep %+v and %d updates; want %d of 35", tc.query, g, len(story.Updates), tc.matched)
		}
	}

	_, out, _ := runCmd(t, "", "dump", "--format", "json", feed)
	if strings.Contains(out, `"grep"`) {
		t.Errorf("the JSON of a dump without --grep has a grep member")
	}
	_, out, _ = runCmd(t, "", "dump", feed)
	if !strings.Contains(out, "\n35 updates · ") {
		t.Errorf("the text of a dump without --grep does not count every update:\n%.400s", out)
	}
}

// TestDumpCountsOneUpdate: one update is "1 update", not "1 updates".
func TestDumpCountsOneUpdate(t *testing.T) {
	feed := `<rss version="2.0"><channel><title>Quiet</title><item><title>Only one</title><description>The one update.</description></item></channel></rss>`
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"dump", "-"}, "\n1 update\n"},
		{[]string{"dump", "--grep", "one", "-"}, "\n1 of 1 update matches “one”\n"},
		{[]string{"dump", "--grep", "two", "-"}, "\n0 of 1 update matches “two”\n"},
	} {
		_, out, _ := runCmd(t, feed, tc.args...)
		if !strings.Contains(out, tc.want) {
			t.Errorf("%q: no %q in\n%s", tc.args, tc.want, out)
		}
	}
}

// TestDumpHeaderNeverBreaksAnAddress: the header line breaks between its
// parts, so the story's address stays whole and can be copied.
func TestDumpHeaderNeverBreaksAnAddress(t *testing.T) {
	_, out, _ := runCmd(t, "", "dump", "--grep", "zzzzunmatched", repoFile("strike.xml"))
	want := "\n0 of 35 updates match “zzzzunmatched”\nhttps://news.example.com/live/junior-doctors-strike\n"
	if !strings.Contains(out, want) {
		t.Errorf("no %q in\n%.400s", want, out)
	}
}
