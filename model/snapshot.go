package model

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Snapshot is one reading of a source: the story as the source showed it at
// one moment, with its updates in the source's order.
type Snapshot struct {
	Title   string
	Summary string
	Link    string    // the story's own page
	FeedURL string    // the feed or page actually read, when it differs from what was asked for
	Fetched time.Time // when the snapshot was read

	// Total is how many updates the source says the story has, 0 when unknown.
	Total int
	// CoverageStart and CoverageEnd bound a live page's coverage; zero when unknown.
	CoverageStart, CoverageEnd time.Time
	// FromLayout is set when a page carried no live-blog data and its
	// updates were read from its layout: repeated blocks, each with a time
	// and a heading. Left out of saved states and recordings when unset,
	// so those written before it existed stay as they were.
	FromLayout bool `json:",omitempty"`

	Updates []Update

	// packed says that Prepare packed the text of the updates, which a
	// story's first merge then keeps where it is.
	packed bool
}

// Prepare normalises a snapshot built by a parser, in place: it drops page
// noise from bodies, fills Text, makes missing headlines from the text,
// flags key events from categories, assigns stable IDs and content hashes,
// and drops exact duplicates. Parsers set the raw fields and call it once.
//
// The text of the updates it keeps is packed into a few large buffers, the
// spans of their bodies found in their plain text, so that what the parser
// left behind can go as soon as it is done. Each update is made ready on
// its own, a large snapshot's shared out over the cores; then IDs are
// assigned and duplicates dropped, in order.
func (s *Snapshot) Prepare() {
	links := make(map[string]int, len(s.Updates))
	for i := range s.Updates {
		if l := s.Updates[i].Link; l != "" {
			links[l]++
		}
	}
	readyAll(s.Updates)
	kept := s.Updates[:0]
	ids := make(map[string]uint64, len(s.Updates))
	for i := range s.Updates {
		u := s.Updates[i]
		if u.Text == "" && u.Headline == "" {
			continue
		}
		if u.ID == "" {
			if u.Link != "" && links[u.Link] == 1 && u.Link != s.Link {
				u.ID = u.Link
			} else {
				u.ID = fallbackID(u.Published, u.Text, u.Headline)
			}
		}
		if h, dup := ids[u.ID]; dup {
			if h == u.Hash {
				continue
			}
			u.ID += "#" + strconv.FormatUint(fallbackHash(u.Published, u.Text, u.Headline)&0xffffff, 16)
			if _, again := ids[u.ID]; again {
				continue
			}
		}
		ids[u.ID] = u.Hash
		kept = append(kept, u)
	}
	clear(s.Updates[len(kept):])
	s.Updates = kept
	s.packed = true
}

// parallelFrom is how many updates each extra core must have to be worth
// starting.
const parallelFrom = 500

// readyAll readies every update, over the cores when there are many.
func readyAll(us []Update) {
	workers := min(runtime.GOMAXPROCS(0), len(us)/parallelFrom)
	if workers < 2 {
		readyRun(us)
		return
	}
	var wg sync.WaitGroup
	chunk := (len(us) + workers - 1) / workers
	for from := 0; from < len(us); from += chunk {
		wg.Go(func() { readyRun(us[from:min(from+chunk, len(us))]) })
	}
	wg.Wait()
}

// readyRun readies a run of updates, packing their text together.
func readyRun(us []Update) {
	p := packer{next: textSize(us)}
	var plain []byte
	for i := range us {
		plain = ready(&us[i], &p, plain)
	}
}

// ready prepares one update on its own: the body without page noise, its
// plain text, a headline, the key flag, the content hash, the ID as given
// without surrounding space, every string packed. An update with neither
// text nor headline is left for Prepare to drop. plain is scratch space,
// returned for reuse.
func ready(u *Update, p *packer, plain []byte) []byte {
	u.Body = dropNoise(u.Body)
	plain = u.Body.appendPlainText(plain[:0])
	u.Text = p.bytes(plain)
	u.Headline = strings.TrimSpace(u.Headline)
	if u.Headline == "" {
		u.Headline = HeadlineFromText(u.Text)
	}
	if u.Text == "" && u.Headline == "" {
		return plain
	}
	for _, c := range u.Categories {
		if IsKeyCategory(c) {
			u.Key = true
			break
		}
	}
	if u.Pinned {
		u.Key = true
	}
	u.Hash = contentHash(u.Headline, u.Text)
	u.ID = strings.TrimSpace(u.ID)
	p.rest(u)
	return plain
}

// textSize estimates the bytes of text the updates will pack into.
func textSize(updates []Update) int {
	n := 0
	for i := range updates {
		u := &updates[i]
		n += len(u.ID) + len(u.Headline) + len(u.Author) + len(u.Link)
		for _, c := range u.Categories {
			n += len(c)
		}
		for _, l := range u.Body.Links {
			n += len(l)
		}
		for _, b := range u.Body.Blocks {
			n += 8 + 2*b.Depth
			for _, sp := range b.Spans {
				n += len(sp.Text) + 6
			}
		}
	}
	return n
}

// fallbackID names an update that has neither an ID nor a unique link, from
// its published time and the start of its text, so a headline fix keeps it.
func fallbackID(published time.Time, text, headline string) string {
	return "h:" + strconv.FormatUint(fallbackHash(published, text, headline), 16)
}

func fallbackHash(published time.Time, text, headline string) uint64 {
	h := uint64(fnvOffset)
	if !published.IsZero() {
		h = fnv64a(h, published.UTC().Format(time.RFC3339))
	}
	h = fnv64a(h, "\x00")
	start := text
	if start == "" {
		start = headline
	}
	if len(start) > 120 {
		start = start[:120]
	}
	return fnv64a(h, start)
}

// isNoiseBlock reports whether a block is page noise, without joining the
// spans of the long blocks that never are.
func isNoiseBlock(bl Block) bool {
	if bl.Kind == Preformatted {
		return false
	}
	n := 0
	for _, sp := range bl.Spans {
		if n += len(sp.Text); n > 2*noiseMax {
			return false
		}
	}
	return IsNoise(bl.Text())
}

func dropNoise(b Body) Body {
	noisy := false
	for _, bl := range b.Blocks {
		if isNoiseBlock(bl) {
			noisy = true
			break
		}
	}
	if !noisy {
		return b
	}
	kept := make([]Block, 0, len(b.Blocks))
	for _, bl := range b.Blocks {
		if isNoiseBlock(bl) {
			continue
		}
		kept = append(kept, bl)
	}
	b.Blocks = kept
	return b
}
