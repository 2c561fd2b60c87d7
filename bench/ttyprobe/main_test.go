package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNewestTitle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	os.WriteFile(path, []byte(`<?xml version="1.0"?><rss><channel><title>The story</title>
<item><title>Doctors’ pay:
  a new offer &amp; a vote</title></item><item><title>Older</title></item></channel></rss>`), 0o644)
	got, err := newestTitle(path)
	if err != nil || got != "Doctors’ pay: a new offer & a vote" {
		t.Fatalf("newestTitle = %q, %v", got, err)
	}
}

func TestParseSize(t *testing.T) {
	if c, r, err := parseSize("200x60"); err != nil || c != 200 || r != 60 {
		t.Fatalf("200x60: %d %d %v", c, r, err)
	}
	for _, bad := range []string{"80", "80x", "x24", "10x2"} {
		if _, _, err := parseSize(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestProcReadings(t *testing.T) {
	pid := os.Getpid()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc here")
	}
	if _, err := cpuTicks(pid); err != nil {
		t.Fatal(err)
	}
	if rss, err := procStatus(pid, "VmRSS"); err != nil || rss <= 0 {
		t.Fatalf("VmRSS %d, %v", rss, err)
	}
}
