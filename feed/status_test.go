package feed

import (
	"errors"
	"testing"
	"time"
)

func TestStateString(t *testing.T) {
	names := map[State]string{Connecting: "connecting", Live: "live", Retrying: "retrying", Offline: "offline",
		Ended: "ended", Replaying: "replaying", Paused: "paused", Watching: "watching", Watching + 1: "unknown"}
	for s, want := range names {
		if got := s.String(); got != want {
			t.Errorf("State(%d).String() = %q, want %q", s, got, want)
		}
	}
}

func TestStatusText(t *testing.T) {
	now := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	clock := time.Date(2026, 3, 4, 14, 5, 9, 0, time.UTC)
	for _, tc := range []struct {
		st   Status
		want string
	}{
		{Status{State: Connecting}, "connecting…"},
		{Status{State: Live}, "live"},
		{Status{State: Live, LastCheck: now.Add(-12 * time.Second)}, "live · checked 12s ago"},
		{Status{State: Live, LastCheck: now.Add(-90 * time.Minute)}, "live · checked 1h ago"},
		{Status{State: Watching, LastCheck: now.Add(-3 * time.Second)}, "watching the file · checked 3s ago"},
		{Status{State: Watching, LastCheck: now.Add(-time.Millisecond)}, "watching the file · checked 0s ago"},
		{Status{State: Retrying, NextCheck: now.Add(20 * time.Second), Err: errors.New("HTTP 503")}, "retrying in 20s: HTTP 503"},
		{Status{State: Retrying, NextCheck: now.Add(4 * time.Minute)}, "retrying in 4m"},
		{Status{State: Retrying}, "retrying"},
		{Status{State: Offline}, "offline"},
		{Status{State: Offline, Err: errors.New("no such file")}, "offline: no such file"},
		{Status{State: Ended, LastCheck: now}, "coverage ended"},
		{Status{State: Replaying}, "replaying"},
		{Status{State: Replaying, Replay: &ReplayStatus{Clock: clock, Speed: 10, Step: 3, Steps: 40}}, "replay · 14:05:09 · 10× · change 3 of 40"},
		{Status{State: Paused, Replay: &ReplayStatus{Clock: clock, Speed: 0.5, Step: 3, Steps: 40}}, "paused · 14:05:09 · 0.5× · change 3 of 40"},
		{Status{State: Replaying, Replay: &ReplayStatus{Clock: clock, Speed: 2.25, Paused: true, Step: 40, Steps: 40}}, "paused · 14:05:09 · 2.2× · change 40 of 40"},
		{Status{State: Watching + 1}, ""},
	} {
		if got := tc.st.Text(now); got != tc.want {
			t.Errorf("%v: Text = %q, want %q", tc.st.State, got, tc.want)
		}
	}
}
