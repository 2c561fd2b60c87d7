package model

import (
	"strings"
	"unsafe"
)

// packChunk is the size of the buffers text is packed into.
const packChunk = 1 << 20

// maxGap is the most that stands between two spans in an update's plain
// text: block separators, an indent, a list number, a link's " [12]".
const maxGap = 64

// packer copies text into large buffers of its own. Text read from a
// source is scattered among the garbage its parser left (a feed's whole
// document tree); copied together, it lets that garbage go back to the
// system, and a story of 10,000 updates holds its text in a few dozen
// allocations. A span of a body is found in the update's plain text, which
// holds it, rather than copied a second time.
//
// Snapshot.Prepare packs the updates it keeps, and a story packs what it
// keeps of a later reading into its own buffers: what it keeps of a
// reading is most often a few updates, which should not hold on to the
// reading's buffers.
//
// Packed strings point into the buffers; a buffer's bytes are never
// written again once a string points at them.
type packer struct {
	buf  []byte
	next int // the size of the next buffer, when smaller than packChunk
}

// str returns a packed copy of s.
func (p *packer) str(s string) string {
	if s == "" {
		return ""
	}
	if !p.room(len(s)) {
		return strings.Clone(s) // a large text takes a buffer of its own
	}
	start := len(p.buf)
	p.buf = append(p.buf, s...)
	return unsafe.String(&p.buf[start], len(s))
}

// bytes returns a packed copy of b as a string.
func (p *packer) bytes(b []byte) string {
	return p.str(unsafe.String(unsafe.SliceData(b), len(b)))
}

// room makes room for n bytes in the buffer, or reports that n bytes
// should have a buffer of their own.
func (p *packer) room(n int) bool {
	if len(p.buf)+n <= cap(p.buf) {
		return true
	}
	if n > packChunk/4 {
		return false
	}
	size := packChunk
	if p.next >= n && p.next < packChunk {
		size = p.next
	}
	p.next = 0
	p.buf = make([]byte, 0, size)
	return true
}

// update packs every string of u in place, and copies the slices of its
// body and categories, so that nothing of the snapshot u came from is
// shared with it afterwards.
func (p *packer) update(u *Update) {
	u.Text = p.str(u.Text)
	p.rest(u)
}

// rest packs every string of u but its plain text, which is packed
// already, and copies the slices as update does.
func (p *packer) rest(u *Update) {
	u.ID = p.str(u.ID)
	u.Headline = p.within(u.Text, 0, u.Headline)
	u.Author = p.str(u.Author)
	u.Link = p.str(u.Link)
	u.Categories = p.strs(u.Categories)
	u.Body.Links = p.strs(u.Body.Links)
	at := 0 // how far into the text the spans have been found
	u.Body.Blocks = copyBlocks(u.Body.Blocks, func(s Span) Span {
		// A span follows the one before within a few bytes of separators
		// and list marks; look no further than that.
		window := u.Text[at:min(len(u.Text), at+len(s.Text)+maxGap)]
		if j := strings.Index(window, s.Text); j >= 0 && s.Text != "" {
			s.Text = u.Text[at+j : at+j+len(s.Text)]
			at += j + len(s.Text)
		} else {
			s.Text = p.str(s.Text)
		}
		return s
	})
}

// strs returns a packed copy of a list of strings.
func (p *packer) strs(list []string) []string {
	if len(list) == 0 {
		return list
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = p.str(s)
	}
	return out
}

// within returns s from text when text holds it at from, else a packed
// copy of s.
func (p *packer) within(text string, from int, s string) string {
	if strings.HasPrefix(text[from:], s) {
		return text[from : from+len(s)]
	}
	return p.str(s)
}

// unshare copies the slices of an update packed already, as update does,
// leaving its strings where they are.
func unshare(u *Update) {
	if len(u.Categories) > 0 {
		u.Categories = append([]string(nil), u.Categories...)
	}
	if len(u.Body.Links) > 0 {
		u.Body.Links = append([]string(nil), u.Body.Links...)
	}
	u.Body.Blocks = copyBlocks(u.Body.Blocks, func(s Span) Span { return s })
}

// copyBlocks returns a copy of blocks, the spans of them all in one slice,
// each span as span makes it.
func copyBlocks(src []Block, span func(Span) Span) []Block {
	if len(src) == 0 {
		return src
	}
	blocks := make([]Block, len(src))
	copy(blocks, src)
	n := 0
	for _, b := range blocks {
		n += len(b.Spans)
	}
	spans := make([]Span, 0, n)
	for i := range blocks {
		from := len(spans)
		for _, s := range blocks[i].Spans {
			spans = append(spans, span(s))
		}
		blocks[i].Spans = spans[from:len(spans):len(spans)]
	}
	return blocks
}
