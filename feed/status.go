package feed

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/liveline-tui/liveline/feed/sanitize"
)

// String returns the state's stable name, as scripts read it in `liveline
// dump --follow --format json`: connecting, live, retrying, offline, ended,
// replaying, paused or watching.
func (s State) String() string {
	switch s {
	case Connecting:
		return "connecting"
	case Live:
		return "live"
	case Retrying:
		return "retrying"
	case Offline:
		return "offline"
	case Ended:
		return "ended"
	case Replaying:
		return "replaying"
	case Paused:
		return "paused"
	case Watching:
		return "watching"
	}
	return "unknown"
}

// Text describes the status for people as of now, in a few words: "live ·
// checked 10s ago", "retrying in 20s · HTTP 503", "watching the file",
// "coverage ended", for a replay "replay · 14:05:09 · 10× · change 3 of
// 40", and "replay ended" with the keys that still act once it has played
// its last change. A failure is named briefly; Reason has the whole of it.
func (st Status) Text(now time.Time) string {
	switch st.State {
	case Connecting:
		return "connecting…"
	case Live:
		return "live" + st.checked(now)
	case Watching:
		return "watching the file" + st.checked(now)
	case Retrying:
		s := "retrying"
		if !st.NextCheck.IsZero() {
			s += " in " + ago(st.NextCheck.Sub(now))
		}
		if st.Err != nil {
			s += " · " + st.brief()
		}
		return s
	case Offline:
		switch {
		case st.Replay != nil && st.Replay.Steps > 0 && st.Replay.Step >= st.Replay.Steps:
			return "replay ended · [ back a change · space plays again"
		case st.Err != nil:
			return "offline · " + st.brief()
		}
		return "offline"
	case Ended:
		return "coverage ended"
	case Replaying, Paused:
		r := st.Replay
		if r == nil {
			return "replaying"
		}
		word := "replay"
		if r.Paused || st.State == Paused {
			word = "paused"
		}
		return fmt.Sprintf("%s · %s · %s× · change %d of %d", word, r.Clock.Format("15:04:05"), FormatSpeed(r.Speed), r.Step, r.Steps)
	}
	return ""
}

// Reason is the whole reason the last check failed, with what to do about
// it, safe to show on a terminal; "" after a success. A failure that will
// be tried again leaves out when: that note was true only as the check
// failed, and Text counts it down.
func (st Status) Reason() string {
	if st.Err == nil {
		return ""
	}
	var retry interface{ Reason() string }
	if errors.As(st.Err, &retry) {
		return sanitize.String(retry.Reason())
	}
	return sanitize.String(st.Err.Error())
}

// brief names the failure in a few words, on one line.
func (st Status) brief() string { return sanitize.Line(Brief(st.Err)) }

// checked says how long ago the last check was, when there was one. It
// counts in tens of seconds under a minute ("checked just now", "checked
// 20s ago"): the line then changes every ten seconds, not every second,
// and a reader with nothing arriving redraws next to nothing.
func (st Status) checked(now time.Time) string {
	if st.LastCheck.IsZero() {
		return ""
	}
	d := now.Sub(st.LastCheck)
	if d < 10*time.Second {
		return " · checked just now"
	}
	if d < time.Minute {
		d = d.Truncate(10 * time.Second)
	}
	return " · checked " + ago(d) + " ago"
}

// ago says how long d is, coarsely: "12s", "4m", "2h".
func ago(d time.Duration) string {
	switch {
	case d < time.Second:
		return "0s"
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	default:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
}

// FormatSpeed writes a replay speed for people: "10", "0.5".
func FormatSpeed(f float64) string {
	if f == float64(int(f)) {
		return strconv.Itoa(int(f))
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}
