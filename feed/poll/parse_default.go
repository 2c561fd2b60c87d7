package poll

import (
	"net/url"

	"github.com/liveline-tui/liveline/feed/parse"
)

// defaultParse adapts parse.Parse to what the poller needs.
func defaultParse(body []byte, contentType string, base *url.URL) (*parsed, error) {
	r, err := parse.Parse(body, contentType, base)
	if err != nil {
		return nil, err
	}
	return &parsed{Snapshot: r.Snapshot, Alternate: r.Alternate, Next: r.Next}, nil
}

// defaultParseFunc is what New uses; tests swap it.
var defaultParseFunc parseFunc = defaultParse
