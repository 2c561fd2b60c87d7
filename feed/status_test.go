package feed

import (
	"errors"
	"fmt"
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
		{Status{State: Live, LastCheck: now.Add(-12 * time.Second)}, "live · checked 10s ago"},
		{Status{State: Live, LastCheck: now.Add(-59 * time.Second)}, "live · checked 50s ago"},
		{Status{State: Live, LastCheck: now.Add(-150 * time.Second)}, "live · checked 2m ago"},
		{Status{State: Live, LastCheck: now.Add(-90 * time.Minute)}, "live · checked 1h ago"},
		{Status{State: Watching, LastCheck: now.Add(-3 * time.Second)}, "watching the file · checked just now"},
		{Status{State: Watching, LastCheck: now.Add(-time.Millisecond)}, "watching the file · checked just now"},
		{Status{State: Retrying, NextCheck: now.Add(20 * time.Second), Err: errors.New("HTTP 503")}, "retrying in 20s · HTTP 503"},
		{Status{State: Retrying, NextCheck: now.Add(2 * time.Minute), Err: fmt.Errorf("retry: %w", Transient("HTTP 503", errors.New("fetching http://127.0.0.1:8080/live: HTTP 503 Service Unavailable; the server is failing")))}, "retrying in 2m · HTTP 503"},
		{Status{State: Retrying, NextCheck: now.Add(time.Minute), Err: Permanent("no such \x1b[31mfile\n", errors.New("x"))}, "retrying in 1m · no such file"},
		{Status{State: Retrying, NextCheck: now.Add(4 * time.Minute)}, "retrying in 4m"},
		{Status{State: Retrying}, "retrying"},
		{Status{State: Offline}, "offline"},
		{Status{State: Offline, Err: errors.New("no such file")}, "offline · no such file"},
		{Status{State: Offline, Replay: &ReplayStatus{Clock: clock, Speed: 10, Step: 40, Steps: 40}}, "replay ended · [ back a change · space plays again"},
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

func TestStatusReasonIsTheWholeFailure(t *testing.T) {
	whole := "fetching http://127.0.0.1/live: HTTP 404 Not Found; check the address"
	st := Status{State: Retrying, Err: fmt.Errorf("%w; retrying in 5m", Permanent("HTTP 404 Not Found", errors.New(whole+"\x1b]0;owned\x07")))}
	if got, want := st.Reason(), whole+"; retrying in 5m"; got != want {
		t.Errorf("Reason = %q, want %q", got, want)
	}
	if got := (Status{State: Live}).Reason(); got != "" {
		t.Errorf("Reason after a success = %q", got)
	}
}

func TestFailureSaysWhetherTryingAgainHelps(t *testing.T) {
	gone := Permanent("HTTP 410 Gone", errors.New("fetching x: HTTP 410 Gone; check the address"))
	busy := Transient("HTTP 503", errors.New("fetching x: HTTP 503 Service Unavailable"))
	for _, tc := range []struct {
		err       error
		permanent bool
		brief     string
	}{
		{gone, true, "HTTP 410 Gone"},
		{fmt.Errorf("wrapped: %w", gone), true, "HTTP 410 Gone"},
		{busy, false, "HTTP 503"},
		{errors.New("plain"), false, "plain"},
		{nil, false, ""},
	} {
		if got := IsPermanent(tc.err); got != tc.permanent {
			t.Errorf("IsPermanent(%v) = %v", tc.err, got)
		}
		if got := Brief(tc.err); got != tc.brief {
			t.Errorf("Brief(%v) = %q, want %q", tc.err, got, tc.brief)
		}
	}
	if gone.Error() != "fetching x: HTTP 410 Gone; check the address" {
		t.Errorf("a Failure's text is its error's: %q", gone.Error())
	}
}
