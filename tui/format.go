package tui

import (
	"fmt"
	"strconv"
	"time"

	"github.com/liveline-tui/liveline/feed"
)

// shortTime is a timeline row's time: relative while recent ("now", "4m",
// "2h"), the clock time later the same day, the date when older than a day
// (the detail pane gives the year).
func shortTime(t, now time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return t.In(loc).Format("15:04")
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 6*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d < 24*time.Hour:
		return t.In(loc).Format("15:04")
	default:
		return t.In(loc).Format("2 Jan")
	}
}

// longTime is the detail pane's time.
func longTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006 15:04 MST")
}

// ago says how long ago t was, coarsely: "12s", "4m", "2h".
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

// stateText describes a source's status for the header.
func stateText(st feed.Status, now time.Time) string {
	switch st.State {
	case feed.Connecting:
		return "connecting…"
	case feed.Live:
		s := "live"
		if !st.LastCheck.IsZero() {
			s += " · checked " + ago(now.Sub(st.LastCheck)) + " ago"
		}
		return s
	case feed.Watching:
		s := "watching the file"
		if !st.LastCheck.IsZero() {
			s += " · checked " + ago(now.Sub(st.LastCheck)) + " ago"
		}
		return s
	case feed.Retrying:
		s := "retrying"
		if !st.NextCheck.IsZero() {
			s += " in " + ago(st.NextCheck.Sub(now))
		}
		if st.Err != nil {
			s += ": " + st.Err.Error()
		}
		return s
	case feed.Offline:
		if st.Err != nil {
			return "offline: " + st.Err.Error()
		}
		return "offline"
	case feed.Ended:
		return "coverage ended"
	case feed.Replaying, feed.Paused:
		r := st.Replay
		if r == nil {
			return "replaying"
		}
		word := "replay"
		if r.Paused || st.State == feed.Paused {
			word = "paused"
		}
		return fmt.Sprintf("%s · %s · %s× · change %d of %d", word, r.Clock.Format("15:04:05"), speedText(r.Speed), r.Step, r.Steps)
	}
	return ""
}

func speedText(f float64) string {
	if f == float64(int(f)) {
		return strconv.Itoa(int(f))
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}
