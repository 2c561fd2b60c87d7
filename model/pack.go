package model

import (
	"strings"
	"unsafe"
)

// packChunk is the size of the buffers a story packs its text into.
const packChunk = 1 << 20

// maxGap is the most that stands between two spans in an update's plain
// text: block separators, an indent, a list number, a link's " [12]".
const maxGap = 64

// packer copies the text a story keeps into large buffers of its own.
// Text read from a source is scattered among the garbage its parser left
// (a feed's whole document tree); copied together, it lets that garbage go
// back to the system, and a story of 10,000 updates holds its text in a
// few dozen allocations. A span of a body is found in the update's plain
// text, which holds it, rather than copied a second time.
//
// Packed strings point into the buffers; a buffer's bytes are never
// written again once a string points at them.
type packer struct {
	buf []byte
}

// str returns a packed copy of s.
func (p *packer) str(s string) string {
	if s == "" {
		return ""
	}
	if len(p.buf)+len(s) > cap(p.buf) {
		if len(s) > packChunk/4 {
			return strings.Clone(s) // a large text takes a buffer of its own
		}
		p.buf = make([]byte, 0, packChunk)
	}
	start := len(p.buf)
	p.buf = append(p.buf, s...)
	return unsafe.String(&p.buf[start], len(s))
}

// update packs every string of u in place. The slices of its body and
// categories are copied too, so nothing of the snapshot u came from is
// shared with it afterwards.
func (p *packer) update(u *Update) {
	u.ID = p.str(u.ID)
	u.Text = p.str(u.Text)
	u.Headline = p.within(u.Text, 0, u.Headline)
	u.Author = p.str(u.Author)
	u.Link = p.str(u.Link)
	if len(u.Categories) > 0 {
		cats := make([]string, len(u.Categories))
		for i, c := range u.Categories {
			cats[i] = p.str(c)
		}
		u.Categories = cats
	}
	if len(u.Body.Links) > 0 {
		links := make([]string, len(u.Body.Links))
		for i, l := range u.Body.Links {
			links[i] = p.str(l)
		}
		u.Body.Links = links
	}
	if len(u.Body.Blocks) == 0 {
		return
	}
	blocks := make([]Block, len(u.Body.Blocks))
	copy(blocks, u.Body.Blocks)
	n := 0
	for _, b := range blocks {
		n += len(b.Spans)
	}
	spans := make([]Span, 0, n) // one slice for every block's spans
	at := 0                     // how far into the text the spans have been found
	for i := range blocks {
		from := len(spans)
		for _, s := range blocks[i].Spans {
			// A span follows the one before within a few bytes of
			// separators and list marks; look no further than that.
			window := u.Text[at:min(len(u.Text), at+len(s.Text)+maxGap)]
			if j := strings.Index(window, s.Text); j >= 0 && s.Text != "" {
				s.Text = u.Text[at+j : at+j+len(s.Text)]
				at += j + len(s.Text)
			} else {
				s.Text = p.str(s.Text)
			}
			spans = append(spans, s)
		}
		blocks[i].Spans = spans[from:len(spans):len(spans)]
	}
	u.Body.Blocks = blocks
}

// within returns s from text when text holds it at from, else a packed
// copy of s.
func (p *packer) within(text string, from int, s string) string {
	if strings.HasPrefix(text[from:], s) {
		return text[from : from+len(s)]
	}
	return p.str(s)
}
