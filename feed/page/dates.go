package page

import (
	"strings"
	"time"
)

// timeLayouts are the date forms live pages use: RFC 3339 and its common
// variants (no seconds, +0000 zones, a space for the T, no zone), then the
// RFC 1123 forms some sites copy from HTTP headers. Fractional seconds are
// accepted after any seconds field.
var timeLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04:05Z07",
	"2006-01-02T15:04:05 Z07:00",
	"2006-01-02T15:04:05 -0700",
	"2006-01-02T15:04:05 MST",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
}

// parseTime reads a date, or returns the zero time. Times without a zone
// are taken as UTC.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 't') && s[4] == '-' {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
