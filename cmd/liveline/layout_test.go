package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDumpSaysWhereUpdatesCameFrom: a ticker read from the page's layout
// says so, in text and JSON; a live blog whose coverage has not started
// says when it starts.
func TestDumpSaysWhereUpdatesCameFrom(t *testing.T) {
	dir := t.TempDir()
	ticker := filepath.Join(dir, "ticker.html")
	entry := func(clock, headline string) string {
		return `<h3>` + clock + ` Uhr: ` + headline + `</h3><p>Ein Absatz mit genug Text, um als Meldung zu zählen.</p>`
	}
	page := `<html><head><meta name="date" content="2026-03-04T08:00:00+01:00"><title>Streik: Liveticker</title></head><body><h1>Streik: Liveticker</h1>` +
		entry("11.00", "Einigung") + entry("10.00", "Gespräche") + entry("09.00", "Kundgebung") + `</body></html>`
	soon := filepath.Join(dir, "soon.html")
	stub := `<html><head><script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Launch day: live","coverageStartTime":"2026-06-01T09:00:00Z"}</script></head><body><h1>Launch day</h1></body></html>`
	for name, body := range map[string]string{ticker: page, soon: stub} {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	code, out, errOut := runCmd(t, "", "dump", ticker)
	if code != 0 || !strings.Contains(out, "3 updates") || !strings.Contains(out, "read from the page's layout") {
		t.Errorf("ticker text: exit %d %s\n%s", code, errOut, out)
	}
	code, out, errOut = runCmd(t, "", "dump", "--format", "json", ticker)
	var story map[string]any
	if err := json.Unmarshal([]byte(out), &story); code != 0 || err != nil || story["from_layout"] != true {
		t.Errorf("ticker JSON: exit %d %v %s\n%s", code, err, errOut, out)
	}

	code, out, errOut = runCmd(t, "", "dump", soon)
	if code != 0 || !strings.Contains(out, "0 updates") || !strings.Contains(out, "coverage starts at Mon 1 Jun 2026 09:00 UTC") ||
		strings.Contains(out, "layout") {
		t.Errorf("coverage to come: exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = runCmd(t, "", "dump", "--format", "json", soon)
	story = nil
	if err := json.Unmarshal([]byte(out), &story); code != 0 || err != nil || story["coverage_start"] != "2026-06-01T09:00:00Z" {
		t.Errorf("coverage to come JSON: %v\n%s", err, out)
	}
	if _, ok := story["from_layout"]; ok {
		t.Errorf("from_layout set for structured data:\n%s", out)
	}
}
