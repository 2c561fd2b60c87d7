package tui

import (
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

// stateText describes a source's status for the header.
func stateText(st feed.Status, now time.Time) string { return st.Text(now) }

func speedText(f float64) string { return feed.FormatSpeed(f) }
