package parse

import (
	"bytes"
	"io"
	"net/url"
	"sync"

	"github.com/mmcdole/gofeed"

	"github.com/liveline-tui/liveline/model"
)

// A large XML feed is parsed on several cores: its items are cut into runs,
// and each run is parsed as a document of its own that keeps the feed's
// head (everything before the first item) and tail (everything after the
// last). Every run then sees the same channel, namespaces and base, so each
// item reads as it would in the whole feed.
//
// The cut is made only where it is sure: the items must be one unbroken
// sequence of sibling elements (only white space and comments between
// them) in a document whose tags all nest, as read by a scanner that knows
// comments, CDATA sections, processing instructions, the DOCTYPE and
// quoted attribute values. Anything else is parsed whole.

// splitFrom is the smallest body worth cutting into runs.
var splitFrom = 1 << 20

// parseInRuns parses a large XML feed on up to cores goroutines, a run of
// its items on each, and makes each run's items into updates as soon as it
// is parsed. ok is false when the body is small or cannot be cut, or when a
// run does not parse: the body is then parsed whole, as before.
func parseInRuns(body []byte, base *url.URL, cores int) (r *Result, ok bool) {
	if cores < 2 || len(body) < splitFrom {
		return nil, false
	}
	head, tail, runs, ok := itemRuns(body, cores)
	if !ok {
		return nil, false
	}
	type parsed struct {
		feed    *gofeed.Feed
		updates []model.Update
		err     error
	}
	out := make([]parsed, len(runs))
	var wg sync.WaitGroup
	for i, run := range runs {
		wg.Go(func() {
			doc := io.MultiReader(bytes.NewReader(head), bytes.NewReader(run), bytes.NewReader(tail))
			f, err := newParser().Parse(doc)
			if err != nil {
				out[i].err = err
				return
			}
			_, _, bodyBase := channel(f, base)
			out[i] = parsed{feed: f, updates: updates(f, base, bodyBase, 1)}
		})
	}
	wg.Wait()
	n := 0
	for _, p := range out {
		if p.err != nil || p.feed.FeedType != out[0].feed.FeedType {
			return nil, false
		}
		n += len(p.updates)
	}
	r = &Result{Format: out[0].feed.FeedType}
	if r.Format == "" {
		r.Format = "rss"
	}
	r.Snapshot, r.Next, _ = channel(out[0].feed, base)
	r.Snapshot.Updates = make([]model.Update, 0, n)
	for _, p := range out {
		r.Snapshot.Updates = append(r.Snapshot.Updates, p.updates...)
	}
	r.Snapshot.Prepare()
	return r, true
}

// itemRuns cuts body into a head, a tail and at most n runs of whole items,
// each run's bytes a slice of body. ok is false when the body is no RSS 2.0
// or Atom feed whose items can be cut safely, or has fewer than 2n items.
func itemRuns(body []byte, n int) (head, tail []byte, runs [][]byte, ok bool) {
	items, ok := scanItems(body)
	if !ok || n < 2 || len(items) < 2*n {
		return nil, nil, nil, false
	}
	first, last := items[0].start, items[len(items)-1].end
	per := (len(items) + n - 1) / n
	for i := 0; i < len(items); i += per {
		j := min(i+per, len(items))
		runs = append(runs, body[items[i].start:items[j-1].end])
	}
	return body[:first], body[last:], runs, true
}

// span is where one item element lies in a body, its end tag included.
type span struct{ start, end int }

// scanItems finds the item elements of an RSS 2.0 feed (<item> in <channel>
// in <rss>) or the entries of an Atom feed (<entry> in <feed>). ok is false
// when the body does not nest, ends early, or has anything but white space
// and comments between two items.
func scanItems(body []byte) (items []span, ok bool) {
	var stack [][]byte // names of the open elements
	unitDepth := -1    // the depth of the items, once the root says which
	var unit []byte    // their name
	itemStart := -1
	for i := 0; ; {
		lt := bytes.IndexByte(body[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := body[i:]
		var e int
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			e = skipPast(rest, 4, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			e = skipPast(rest, 9, "]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			e = skipPast(rest, 2, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			if len(stack) > 0 {
				return nil, false // a declaration inside the document
			}
			e = declarationEnd(rest)
		case bytes.HasPrefix(rest, []byte("</")):
			var name []byte
			name, e = tagEnd(rest, 2)
			if e < 0 || len(stack) == 0 || !bytes.Equal(stack[len(stack)-1], name) {
				return nil, false
			}
			stack = stack[:len(stack)-1]
			if itemStart >= 0 && len(stack) == unitDepth {
				items = append(items, span{itemStart, i + e})
				itemStart = -1
			}
		default:
			var name []byte
			name, e = tagEnd(rest, 1)
			if e < 0 || len(name) == 0 {
				return nil, false
			}
			selfClosing := rest[e-2] == '/'
			switch depth := len(stack); {
			case depth == 0 && unitDepth >= 0:
				return nil, false // a second root
			case depth == 0 && string(name) == "rss":
				unitDepth, unit = 2, []byte("item")
			case depth == 0 && string(name) == "feed":
				unitDepth, unit = 1, []byte("entry")
			case depth == 0:
				return nil, false
			case depth == unitDepth && bytes.Equal(name, unit) && (unitDepth == 1 || string(stack[1]) == "channel"):
				if selfClosing {
					items = append(items, span{i, i + e})
				} else {
					itemStart = i
				}
			}
			if !selfClosing {
				stack = append(stack, name)
			}
		}
		if e < 0 {
			return nil, false
		}
		i += e
	}
	if len(stack) != 0 || len(items) == 0 {
		return nil, false
	}
	return items, adjacent(body, items)
}

// skipPast returns the length of what rest opens up to and including end,
// looked for from rest[from], or -1 when it does not close.
func skipPast(rest []byte, from int, end string) int {
	e := bytes.Index(rest[from:], []byte(end))
	if e < 0 {
		return -1
	}
	return from + e + len(end)
}

// adjacent reports whether only white space and comments stand between
// one item and the next, so that a run of items leaves nothing out.
func adjacent(body []byte, items []span) bool {
	for k := 1; k < len(items); k++ {
		between := bytes.TrimLeft(body[items[k-1].end:items[k].start], " \t\r\n")
		for len(between) > 0 {
			e := -1
			if bytes.HasPrefix(between, []byte("<!--")) {
				e = skipPast(between, 4, "-->")
			}
			if e < 0 {
				return false
			}
			between = bytes.TrimLeft(between[e:], " \t\r\n")
		}
	}
	return true
}

// tagEnd reads the name of the tag that rest opens (the name starting at
// rest[from]) and returns it with the length of the tag, or -1 when the tag
// does not close.
func tagEnd(rest []byte, from int) ([]byte, int) {
	j := from
	for j < len(rest) && !nameEnd(rest[j]) {
		j++
	}
	end := closing(rest, j, false)
	if end < 0 {
		return nil, -1
	}
	return rest[from:j], end
}

// nameEnd reports whether c ends a tag's name.
func nameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' || c == '<'
}

// declarationEnd returns the length of the declaration (such as a DOCTYPE
// with its internal subset) that rest opens, or -1.
func declarationEnd(rest []byte) int { return closing(rest, 2, true) }

// closing returns the length of the markup that rest opens, up to the '>'
// that closes it, looking from rest[from]; -1 when it does not close.
// Quoted values may hold '>'; so may a declaration's internal subset in
// brackets, while a tag may not hold '<'.
func closing(rest []byte, from int, declaration bool) int {
	var quote byte
	brackets := 0
	for j := from; j < len(rest); j++ {
		switch c := rest[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case declaration && c == '[':
			brackets++
		case declaration && c == ']':
			brackets--
		case !declaration && c == '<':
			return -1
		case c == '>' && brackets == 0:
			return j + 1
		}
	}
	return -1
}
