package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/figures"
)

// storyBoard gathers a whole story's figures.
func storyBoard(s *model.Story) *figures.Board {
	b := figures.NewBoard()
	b.Apply(model.Changes{New: s.Updates()})
	return b
}

// jsonUpdate is one update in the JSON of dump --follow. A whole story's
// dump writes the same members, in the same order, with appendUpdateJSON.
type jsonUpdate struct {
	ID         string        `json:"id"`
	Headline   string        `json:"headline"`
	Text       string        `json:"text"`
	Published  *string       `json:"published"`
	Updated    *string       `json:"updated"`
	Link       string        `json:"link"`
	Author     string        `json:"author"`
	Categories []string      `json:"categories"`
	Key        bool          `json:"key"`
	Edited     bool          `json:"edited"`
	Removed    bool          `json:"removed"`
	Links      []string      `json:"links,omitempty"`
	Previous   *jsonPrevious `json:"previous,omitempty"`
}

// jsonPrevious is an edited update's version before the edit.
type jsonPrevious struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func toJSONUpdate(u *model.Update) jsonUpdate {
	j := jsonUpdate{
		ID: u.ID, Headline: u.Headline, Text: readingText(u),
		Published: rfc3339(u.Published), Updated: rfc3339(u.Updated),
		Link: u.Link, Author: u.Author, Categories: u.Categories,
		Key: u.Key, Edited: u.Edited, Removed: u.Removed, Links: u.Body.Links,
	}
	if j.Categories == nil {
		j.Categories = []string{}
	}
	if u.Previous != nil {
		j.Previous = &jsonPrevious{Headline: u.Previous.Headline, Text: readingText(u.Previous)}
	}
	return j
}

// writeStoryJSON writes the story as one JSON object laid out for people
// and line tools alike: a key per line at the top, and each update, figure
// and In numbers line compact on a line of its own. A story named (the
// source as given, in a dump of several) has the name in a first member,
// "story". With --grep, "grep" says which query picked the updates and
// how many of the updates read match it.
//
// The JSON is appended by hand, member by member, as encoding/json would
// write it (with SetEscapeHTML(false)): reflecting over 10,000 updates and
// 50,000 figures took a fifth of a large dump. The figures are gathered on
// a second core while the updates are encoded; both only read the story.
func writeStoryJSON(w io.Writer, s *model.Story, p picked, story string) error {
	boards := make(chan *figures.Board, 1)
	go func() { boards <- storyBoard(s) }()
	var head []byte
	head = append(head, "{\n"...)
	if story != "" {
		head = appendMember(head, "story")
		head = appendJSONString(head, story)
		head = append(head, ",\n"...)
	}
	head = appendMember(head, "title")
	head = appendJSONString(head, s.Title)
	head = append(head, ",\n"...)
	head = appendMember(head, "summary")
	head = appendJSONString(head, s.Summary)
	head = append(head, ",\n"...)
	head = appendMember(head, "link")
	head = appendJSONString(head, s.Link)
	head = append(head, ",\n"...)
	if s.FeedURL != "" {
		head = appendMember(head, "feed_url")
		head = appendJSONString(head, s.FeedURL)
		head = append(head, ",\n"...)
	}
	if s.Total != 0 {
		head = appendMember(head, "total")
		head = strconv.AppendInt(head, int64(s.Total), 10)
		head = append(head, ",\n"...)
	}
	head = appendMember(head, "coverage_start")
	head = appendJSONTime(head, s.CoverageStart)
	head = append(head, ",\n"...)
	head = appendMember(head, "coverage_end")
	head = appendJSONTime(head, s.CoverageEnd)
	head = append(head, ",\n"...)
	if s.FromLayout {
		head = appendMember(head, "from_layout")
		head = append(head, "true,\n"...)
	}
	if p.grep {
		head = appendMember(head, "grep")
		head = append(head, `{"query":`...)
		head = appendJSONString(head, p.query)
		head = append(head, `,"matched":`...)
		head = strconv.AppendInt(head, int64(len(p.updates)), 10)
		head = append(head, `,"read":`...)
		head = strconv.AppendInt(head, int64(s.Len()), 10)
		head = append(head, "},\n"...)
	}

	// The figures come before the updates: the updates wait, up to a
	// bound, until the board is ready.
	out := &holdBack{w: w, first: func(w io.Writer) error {
		c := chunks{w: w, b: head}
		if err := writeNumbersJSON(&c, <-boards); err != nil {
			return err
		}
		return c.flush()
	}}
	c := chunks{w: out, b: appendMember(make([]byte, 0, 2*chunkSize), "updates")}
	c.b = append(c.b, '[')
	for i, u := range p.updates {
		if i > 0 {
			c.b = append(c.b, ',')
		}
		c.b = append(c.b, "\n    "...)
		c.b = appendUpdateJSON(c.b, u)
		c.full()
	}
	if len(p.updates) > 0 {
		c.b = append(c.b, "\n  "...)
	}
	c.b = append(c.b, "]\n}\n"...)
	if err := c.flush(); err != nil {
		return err
	}
	return out.Close()
}

// chunks gathers output in a buffer that it writes out whenever it holds
// chunkSize bytes, and keeps the first error.
type chunks struct {
	w   io.Writer
	b   []byte
	err error
}

const chunkSize = 32 << 10

// full writes the buffer out when it holds chunkSize bytes.
func (c *chunks) full() {
	if len(c.b) >= chunkSize {
		c.flush()
	}
}

// flush writes the buffer out, and returns the first error.
func (c *chunks) flush() error {
	if c.err == nil && len(c.b) > 0 {
		_, c.err = c.w.Write(c.b)
	}
	c.b = c.b[:0]
	return c.err
}

// holdBack writes to w what is written to it, once the part that comes
// first has been written (by first, called once); until then it holds it,
// up to holdLimit bytes, and then waits for that part.
type holdBack struct {
	w       io.Writer
	first   func(io.Writer) error
	held    [][]byte // copies of the writes held, kept apart to copy each once
	size    int
	written bool
}

// holdLimit bounds what a holdBack keeps before it waits.
const holdLimit = 4 << 20

func (h *holdBack) Write(p []byte) (int, error) {
	if !h.written && h.size+len(p) <= holdLimit {
		h.held = append(h.held, bytes.Clone(p))
		h.size += len(p)
		return len(p), nil
	}
	if err := h.release(); err != nil {
		return 0, err
	}
	return h.w.Write(p)
}

// Close writes the first part and what is held, if they are not written yet.
func (h *holdBack) Close() error { return h.release() }

func (h *holdBack) release() error {
	if h.written {
		return nil
	}
	h.written = true
	if err := h.first(h.w); err != nil {
		return err
	}
	for _, p := range h.held {
		if _, err := h.w.Write(p); err != nil {
			return err
		}
	}
	h.held = nil
	return nil
}

// writeNumbersJSON writes the story's In numbers section as dump's JSON
// gives it: the page's own list ("in_numbers"), the trackers (one per
// subject, even where the text shows several subjects on one line), and
// every figure, the ones the section shows first ("pinned").
func writeNumbersJSON(c *chunks, board *figures.Board) error {
	sec := board.Section()
	c.b = appendMember(c.b, "in_numbers")
	c.b = append(c.b, '[')
	for i, l := range sec.Lines {
		c.b = appendListItem(c.b, i)
		c.b = appendJSONString(c.b, l.Text)
	}
	c.b = appendListEnd(c.b, len(sec.Lines))
	var err error
	c.b = appendMember(c.b, "trackers")
	c.b = append(c.b, '[')
	for i := range sec.Trackers {
		c.b = appendListItem(c.b, i)
		if c.b, err = appendTrackerJSON(c.b, &sec.Trackers[i]); err != nil {
			return err
		}
		c.full()
	}
	c.b = appendListEnd(c.b, len(sec.Trackers))
	c.b = appendMember(c.b, "figures")
	c.b = append(c.b, '[')
	n := 0
	figure := func(f *figures.Figure, pinned bool) error {
		c.b = appendListItem(c.b, n)
		if c.b, err = appendFigureJSON(c.b, f, pinned); err != nil {
			return err
		}
		n++
		c.full()
		return nil
	}
	for i := range sec.Trackers {
		if err := figure(&sec.Trackers[i].Latest, true); err != nil {
			return err
		}
	}
	for i := range sec.Others {
		if err := figure(&sec.Others[i], true); err != nil {
			return err
		}
	}
	for _, g := range board.Groups() {
		for i := range g.Figures {
			if f := &g.Figures[i]; !sec.Pinned(f) {
				if err := figure(f, false); err != nil {
					return err
				}
			}
		}
	}
	c.b = appendListEnd(c.b, n)
	return c.err
}

// appendMember starts a member of the story object: `  "key": `.
func appendMember(b []byte, key string) []byte {
	b = append(b, "  "...)
	b = appendJSONString(b, key)
	return append(b, ": "...)
}

// appendListItem starts the item of a list member that has n before it.
func appendListItem(b []byte, n int) []byte {
	if n > 0 {
		b = append(b, ',')
	}
	return append(b, "\n    "...)
}

// appendListEnd closes a list member of n items, which is not the last.
func appendListEnd(b []byte, n int) []byte {
	if n > 0 {
		b = append(b, "\n  "...)
	}
	return append(b, "],\n"...)
}

// appendUpdateJSON appends one update as a compact object, with the
// members of jsonUpdate.
func appendUpdateJSON(b []byte, u *model.Update) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, u.ID)
	b = append(b, `,"headline":`...)
	b = appendJSONString(b, u.Headline)
	b = append(b, `,"text":`...)
	b = appendReadingText(b, u, appendJSONString)
	b = append(b, `,"published":`...)
	b = appendJSONTime(b, u.Published)
	b = append(b, `,"updated":`...)
	b = appendJSONTime(b, u.Updated)
	b = append(b, `,"link":`...)
	b = appendJSONString(b, u.Link)
	b = append(b, `,"author":`...)
	b = appendJSONString(b, u.Author)
	b = append(b, `,"categories":`...)
	b = appendJSONStrings(b, u.Categories)
	b = append(b, `,"key":`...)
	b = strconv.AppendBool(b, u.Key)
	b = append(b, `,"edited":`...)
	b = strconv.AppendBool(b, u.Edited)
	b = append(b, `,"removed":`...)
	b = strconv.AppendBool(b, u.Removed)
	if len(u.Body.Links) > 0 {
		b = append(b, `,"links":`...)
		b = appendJSONStrings(b, u.Body.Links)
	}
	if p := u.Previous; p != nil {
		b = append(b, `,"previous":{"headline":`...)
		b = appendJSONString(b, p.Headline)
		b = append(b, `,"text":`...)
		b = appendReadingText(b, p, appendJSONString)
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendTrackerJSON appends a tracker: its key, subject and unit, its
// latest statement and its history.
func appendTrackerJSON(b []byte, t *figures.Tracker) ([]byte, error) {
	b = append(b, `{"key":`...)
	b = appendJSONString(b, t.Key)
	b = append(b, `,"subject":`...)
	b = appendJSONString(b, t.Subject)
	b = append(b, `,"unit":`...)
	b = appendJSONString(b, t.Unit)
	b = append(b, `,"latest":`...)
	b, err := appendStatementJSON(b, &t.Latest)
	if err != nil {
		return nil, err
	}
	b = append(b, `,"history":[`...)
	hist := t.History()
	for i := range hist {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendStatementJSON(b, &hist[i]); err != nil {
			return nil, err
		}
	}
	return append(b, "]}"...), nil
}

// appendStatementJSON appends one statement of a tracked quantity.
func appendStatementJSON(b []byte, f *figures.Figure) ([]byte, error) {
	b = append(b, `{"value":`...)
	b, err := appendJSONValue(b, f)
	if err != nil {
		return nil, err
	}
	b = append(b, `,"text":`...)
	b = appendJSONString(b, f.Text)
	b = append(b, `,"update_id":`...)
	b = appendJSONString(b, f.UpdateID)
	b = append(b, `,"time":`...)
	b = appendJSONTime(b, f.Time)
	return append(b, '}'), nil
}

// appendFigureJSON appends one figure found in the story's prose. Pinned
// says whether the In numbers section shows it. A figure read from text
// not in English has the words around it for a label.
func appendFigureJSON(b []byte, f *figures.Figure, pinned bool) ([]byte, error) {
	b = append(b, `{"text":`...)
	b = appendJSONString(b, f.Text)
	b = append(b, `,"value":`...)
	b, err := appendJSONValue(b, f)
	if err != nil {
		return nil, err
	}
	if f.High != 0 {
		b = append(b, `,"high":`...)
		if b, err = appendJSONFloat(b, f.High); err != nil {
			return nil, err
		}
	}
	b = append(b, `,"unit":`...)
	b = appendJSONString(b, f.Unit)
	label := f.Label
	if f.Context != "" {
		label = f.Context
	}
	b = append(b, `,"label":`...)
	b = appendJSONString(b, label)
	if f.Subject != "" {
		b = append(b, `,"subject":`...)
		b = appendJSONString(b, f.Subject)
	}
	b = append(b, `,"update_id":`...)
	b = appendJSONString(b, f.UpdateID)
	b = append(b, `,"time":`...)
	b = appendJSONTime(b, f.Time)
	b = append(b, `,"pinned":`...)
	b = strconv.AppendBool(b, pinned)
	return append(b, '}'), nil
}

// appendJSONValue appends a figure's value, or null for a vague count.
func appendJSONValue(b []byte, f *figures.Figure) ([]byte, error) {
	if !f.HasValue {
		return append(b, "null"...), nil
	}
	return appendJSONFloat(b, f.Value)
}

// appendJSONFloat appends f as encoding/json writes a float64 (as
// ECMAScript writes numbers), and fails as it does on NaN and infinities.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 is written e-7
		b = b[:n-1]
	}
	return b, nil
}

// appendJSONTime appends t in RFC 3339, or null for the zero time.
func appendJSONTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

// plainJSON reports whether eight bytes are all printable ASCII other than
// '"' and '\\', which a JSON string holds as they are.
func plainJSON(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	quote, backslash := x^ones*'"', x^ones*'\\'
	control := (x - ones*0x20) &^ x // a byte below 0x20 sets its high bit, when no byte has it set already
	return (x|control|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs == 0
}

// appendJSONStrings appends a list of strings; nil is an empty list.
func appendJSONStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s as a JSON string as encoding/json writes it
// with SetEscapeHTML(false): <, > and & as they are; quotes, backslashes
// and control characters escaped; U+2028 and U+2029 escaped; each byte of
// invalid UTF-8 made U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plainJSON(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
