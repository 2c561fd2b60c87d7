package parse

import (
	"net/url"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/model"
)

// Func reads one body as Parse does. Callers that let tests stand in a
// parser of their own take one.
type Func func(body []byte, contentType string, base *url.URL) (*Result, error)

// Pages joins a story told over several pages: the first page, then the
// older pages it leads to, one after another. The poller reads them as it
// follows next links; a recording replays the pages it kept.
type Pages struct {
	// Read returns the page at addr, the next link of the page before
	// resolved against the address that page came from ("" when it named
	// none or did not parse), or false to stop.
	Read func(addr string) (feed.Page, bool)
	// Parse reads each page; Parse when nil.
	Parse Func
	// More says whether to read on, given the first page's updates and
	// then the updates each page added; nil reads on.
	More func(added []model.Update) bool
}

// Join reads older pages onto first, the prepared snapshot of the page
// read from addr, which names next as its next page. Each page is parsed
// against the address it came from (feed/link's Base); one that does not
// parse adds nothing and names no next page. Join returns the pages whose
// updates it joined, in order.
func (p Pages) Join(first *model.Snapshot, addr, next string) []feed.Page {
	parse := p.Parse
	if parse == nil {
		parse = Parse
	}
	more := p.More
	if more == nil {
		more = func([]model.Update) bool { return true }
	}
	if !more(first.Updates) {
		return nil
	}
	var join *model.PageJoin
	var joined []feed.Page
	base := link.Base(addr)
	for {
		pg, ok := p.Read(link.Address(base, next))
		if !ok {
			return joined
		}
		base = link.Base(pg.URL)
		res, err := parse(pg.Body, pg.ContentType, base)
		if err != nil {
			next = ""
			continue
		}
		next = res.Next
		if join == nil {
			join = model.JoinPages(first)
		}
		joined = append(joined, pg)
		if !more(join.Add(&res.Snapshot)) {
			return joined
		}
	}
}
