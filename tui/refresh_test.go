package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/liveline-tui/liveline/feed"
)

// TestRefreshSaysWhenTheSiteAskedToWait: under Retry-After, r does not
// pretend to check; it says when the next check is and why.
func TestRefreshSaysWhenTheSiteAskedToWait(t *testing.T) {
	m, src := newTestModel(t, 100, 30)
	send(m, snapshotOf(0, 3))
	m.Update(eventMsg{s: m.story, ev: feed.Event{Status: feed.Status{State: feed.Retrying, LastCheck: base,
		NextCheck: base.Add(2 * time.Minute), RetryAfter: base.Add(2 * time.Minute)}}})
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'r', Text: "r"}); cmd != nil {
		cmd()
	}
	want := "next check at " + base.Add(2*time.Minute).Format("15:04") + ": the site asked to wait"
	if s := screen(m); !strings.Contains(s, want) || src.refreshed != 0 {
		t.Fatalf("refreshed %d times; screen lacks %q:\n%s", src.refreshed, want, s)
	}
}
