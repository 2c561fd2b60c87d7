package main

import (
	"io"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/textwrap"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/figures"
)

// writeStoryText prints a story for people, wrapped to 80 columns: its
// picked updates under a header that counts them. The figures of the In
// numbers section are gathered on a second core while the updates are
// laid out; both only read the story.
func writeStoryText(w io.Writer, s *model.Story, p picked, loc *time.Location) error {
	boards := make(chan *figures.Board, 1)
	go func() { boards <- storyBoard(s) }()
	b := appendWrapped(nil, s.Title)
	b = append(b, '\n')
	b = append(b, strings.Repeat("=", min(dumpWidth, max(3, textwrap.Width(s.Title))))...)
	b = append(b, '\n')
	if s.Summary != "" {
		b = append(b, '\n')
		b = appendWrapped(b, s.Summary)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	meta := []string{countText(p, s.Len(), s.Total)}
	if s.Link != "" {
		meta = append(meta, s.Link)
	}
	if s.FeedURL != "" && s.FeedURL != s.Link {
		meta = append(meta, "read from "+s.FeedURL)
	}
	if s.FromLayout {
		meta = append(meta, "read from the page's layout")
	}
	if s.Len() == 0 && !s.CoverageStart.IsZero() {
		meta = append(meta, "coverage starts at "+s.CoverageStart.In(loc).Format(timeLayout))
	}
	if !s.CoverageEnd.IsZero() {
		meta = append(meta, "coverage ended "+s.CoverageEnd.In(loc).Format(timeLayout))
	}
	b = appendHeader(b, meta)
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return err
	}

	// The In numbers section comes before the updates: they wait, up to
	// a bound, until its figures are gathered.
	out := &holdBack{w: w, first: func(w io.Writer) error {
		_, err := w.Write(appendNumbersText(nil, <-boards, loc))
		return err
	}}
	c := chunks{w: out, b: b[:0]}
	for _, u := range p.updates {
		c.b = appendUpdateText(c.b, "", u, loc)
		c.full()
	}
	if err := c.flush(); err != nil {
		return err
	}
	return out.Close()
}

const timeLayout = "Mon 2 Jan 2006 15:04 MST"

// countText counts the updates a dump prints, of the read updates of a
// story whose source says it has total (0 when it does not say): "35
// updates", "35 of 120 updates loaded", or with --grep "4 of 35 updates
// match “query”".
func countText(p picked, read, total int) string {
	updates := " updates"
	if read == 1 {
		updates = " update"
	}
	if !p.grep {
		if total > read {
			return strconv.Itoa(read) + " of " + strconv.Itoa(total) + " updates loaded"
		}
		return strconv.Itoa(read) + updates
	}
	match := " match “"
	if read == 1 {
		match = " matches “"
	}
	count := strconv.Itoa(len(p.updates)) + " of " + strconv.Itoa(read)
	if total > read {
		return count + " loaded" + updates + match + p.query + "” (the story has " + strconv.Itoa(total) + ")"
	}
	return count + updates + match + p.query + "”"
}

// appendHeader appends the parts of a story's header joined with " · ",
// breaking the line between parts rather than inside one: an address
// stays whole, to be copied. A part too wide for a line of its own is
// wrapped, unless it holds an address, which is never broken.
func appendHeader(b []byte, parts []string) []byte {
	width := 0
	for i, p := range parts {
		w := textwrap.Width(p)
		switch {
		case i > 0 && width+3+w <= dumpWidth: // " · " is 3 columns wide
			b = append(b, " · "...)
			b = append(b, p...)
			width += 3 + w
			continue
		case i > 0:
			b = append(b, '\n')
		}
		if w > dumpWidth && !strings.Contains(p, "://") {
			b = appendWrapped(b, p)
			w = dumpWidth // nothing more goes on its last line
		} else {
			b = append(b, p...)
		}
		width = w
	}
	return b
}

// appendNumbersText appends the story's In numbers section, as the
// reader's panel shows it and the JSON lists it: the page's own list, the
// trackers and the other figures it pins. A story without one has none.
func appendNumbersText(b []byte, board *figures.Board, loc *time.Location) []byte {
	sec := board.Section()
	if sec.Len() == 0 {
		return b
	}
	b = append(b, "\nIn numbers\n"...)
	for _, e := range sec.Entries() {
		b = appendWrapped(b, "- "+e.Text(loc, sec.Days()))
		b = append(b, '\n')
	}
	return append(b, '\n')
}

// writeUpdateText prints one update under a rule; label, such as "[new] ",
// starts the rule, which ends at dump's width all the same.
func writeUpdateText(w io.Writer, label string, u *model.Update, loc *time.Location) error {
	_, err := w.Write(appendUpdateText(nil, label, u, loc))
	return err
}

// rule is the line above an update, at dump's width.
var rule = strings.Repeat("─", dumpWidth)

func appendUpdateText(b []byte, label string, u *model.Update, loc *time.Location) []byte {
	if label == "" {
		b = append(b, rule...)
	} else {
		b = append(b, label...)
		b = append(b, rule[:len("─")*(dumpWidth-textwrap.Width(label))]...)
	}
	b = append(b, '\n')
	tags := make([]byte, 0, 128)
	if u.HasTime() {
		tags = u.Published.In(loc).AppendFormat(tags, timeLayout)
	} else {
		tags = append(tags, "undated"...)
	}
	for _, tag := range [...]struct {
		has  bool
		text string
	}{{u.Author != "", u.Author}, {u.Key, "key event"}, {u.Edited, "edited"}, {u.Removed, "removed"}} {
		if tag.has {
			tags = append(tags, " · "...)
			tags = append(tags, tag.text...)
		}
	}
	b = appendWrapped(b, string(tags))
	b = append(b, '\n')
	b = appendWrapped(b, u.Headline)
	b = append(b, '\n')
	if u.Text != "" && u.Text != u.Headline {
		b = append(b, '\n')
		b = appendReadingText(b, u, appendWrapped)
		b = append(b, '\n')
	}
	for i, l := range u.Body.Links {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, "] "...)
		b = append(b, l...)
		b = append(b, '\n')
	}
	if u.Link != "" {
		b = append(b, u.Link...)
		b = append(b, '\n')
	}
	return append(b, '\n')
}

// readingText is an update's text as dump prints it (text and JSON): each
// link's reference joined to the link's text, "desk[1]", as the reader
// draws it. Update.Text writes " [1]" and stays so: the content hash and
// saved state read it.
func readingText(u *model.Update) string {
	if len(u.Body.Links) == 0 || len(u.Body.Blocks) == 0 {
		return u.Text
	}
	return string(u.Body.AppendReadingText(make([]byte, 0, len(u.Text))))
}

// appendReadingText appends an update's reading text to b with add (which
// wraps or quotes it), building it in b's spare room rather than a string
// of its own: the writers print thousands of updates.
func appendReadingText(b []byte, u *model.Update, add func([]byte, string) []byte) []byte {
	if len(u.Body.Links) == 0 || len(u.Body.Blocks) == 0 {
		return add(b, u.Text)
	}
	from := len(b)
	b = u.Body.AppendReadingText(b)
	to := len(b)
	if to == from {
		return add(b, "")
	}
	// add appends after the text it reads, which stays where it is (in
	// the old array if b grows); then its output moves down over it.
	b = add(b, unsafe.String(&b[from], to-from))
	return append(b[:from], b[to:]...)
}

// appendWrapped appends plain text wrapped to dump's width; list items
// and quotes keep a hanging indent.
func appendWrapped(b []byte, s string) []byte {
	for i := 0; ; i++ {
		line, rest, more := strings.Cut(s, "\n")
		if i > 0 {
			b = append(b, '\n')
		}
		if textwrap.FitsIn(line, dumpWidth) {
			b = append(b, line...)
		} else {
			prefix, indent := linePrefix(line)
			b = append(b, prefix...)
			b = appendIndented(b, line[len(prefix):], indent)
		}
		if !more {
			return b
		}
		s = rest
	}
}

// appendIndented appends text wrapped to dump's width less the indent,
// with the indent starting every line after the first.
func appendIndented(b []byte, text, indent string) []byte {
	width := dumpWidth - textwrap.Width(indent)
	if indent == "" {
		return textwrap.AppendWrap(b, text, width)
	}
	from := len(b)
	b = textwrap.AppendWrap(b, text, width)
	breaks := 0
	for _, c := range b[from:] {
		if c == '\n' {
			breaks++
		}
	}
	if breaks == 0 {
		return b
	}
	// Open room for the indents, then move the lines into place from the
	// last one back.
	end := len(b)
	b = append(b, make([]byte, breaks*len(indent))...)
	to := len(b)
	for i := end - 1; i >= from; i-- {
		if b[i] == '\n' {
			to -= len(indent)
			copy(b[to:], indent)
		}
		to--
		b[to] = b[i]
	}
	return b
}

// linePrefix splits off a line's list or quote marker and says how the
// lines it wraps onto are indented.
func linePrefix(line string) (prefix, indent string) {
	trimmed := strings.TrimLeft(line, " ")
	lead := strings.Repeat(" ", len(line)-len(trimmed))
	switch {
	case strings.HasPrefix(trimmed, "- "):
		return lead + "- ", lead + "  "
	case strings.HasPrefix(trimmed, "> "):
		return lead + "> ", lead + "> "
	}
	if dot := strings.Index(trimmed, ". "); dot > 0 && dot < 4 && strings.Trim(trimmed[:dot], "0123456789") == "" {
		return lead + trimmed[:dot+2], lead + strings.Repeat(" ", dot+2)
	}
	return lead, lead
}
