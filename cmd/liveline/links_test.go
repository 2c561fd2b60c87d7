package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDumpMarksLinksAsTheReaderDoes: a link's reference follows its text
// with no space, "desk[1]", as the reader draws it, in the text and in the
// JSON alike; the list of links under the update starts "[1] ".
func TestDumpMarksLinksAsTheReaderDoes(t *testing.T) {
	feed := `<rss version="2.0"><channel><title>Links</title><item><guid>a</guid><title>Questions</title>` +
		`<description>&lt;p&gt;Send questions to the &lt;a href="https://example.com/desk"&gt;news desk&lt;/a&gt;, or &lt;a href="https://example.com/form"&gt;use the form&lt;/a&gt;.&lt;/p&gt;` +
		`&lt;ul&gt;&lt;li&gt;&lt;a href="https://example.com/desk"&gt;Desk&lt;/a&gt; again&lt;/li&gt;&lt;/ul&gt;</description></item></channel></rss>`
	wantText := "Send questions to the news desk[1], or use the form[2].\n\n- Desk[1] again"

	code, out, errOut := runCmd(t, feed, "dump", "-")
	if code != 0 || !strings.Contains(out, "\n"+wantText+"\n[1] https://example.com/desk\n[2] https://example.com/form\n") {
		t.Errorf("text: exit %d, stderr %q, no %q in\n%s", code, errOut, wantText, out)
	}

	code, out, errOut = runCmd(t, feed, "dump", "--format", "json", "-")
	var story struct {
		Updates []jsonUpdate `json:"updates"`
	}
	if err := json.Unmarshal([]byte(out), &story); err != nil || code != 0 || len(story.Updates) != 1 {
		t.Fatalf("JSON: exit %d, %v, stderr %q\n%s", code, err, errOut, out)
	}
	if u := story.Updates[0]; u.Text != wantText || strings.Join(u.Links, " ") != "https://example.com/desk https://example.com/form" {
		t.Errorf("JSON: text %q, links %q; want %q", u.Text, u.Links, wantText)
	}
}
