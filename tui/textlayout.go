package tui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// look is a set of inline looks that combine as bits; the detail pane keeps
// its text plain and marks byte ranges with looks, so wrapping and search
// highlighting never have to parse escape sequences.
type look uint16

const (
	lookStrong look = 1 << iota
	lookEm
	lookCode
	lookLink
	lookHeading
	lookQuote
	lookHeadline
	lookMeta
	lookMatch
	lookAdded
	lookRemoved
	lookSelected     // the selected timeline row
	lookSelectedBlur // the selected row while another pane has focus
)

// run gives the look of text up to byte offset end.
type run struct {
	end  int
	look look
}

// styledText is plain text with looks over byte ranges. runs are ordered
// and cover the text; an empty runs slice means no look at all.
type styledText struct {
	text string
	runs []run
}

// add appends s with look l.
func (t *styledText) add(s string, l look) {
	if s == "" {
		return
	}
	t.text += s
	if n := len(t.runs); n > 0 && t.runs[n-1].look == l {
		t.runs[n-1].end = len(t.text)
		return
	}
	t.runs = append(t.runs, run{end: len(t.text), look: l})
}

// overlay adds look l over the byte ranges given, splitting runs as needed.
func (t *styledText) overlay(ranges [][2]int, l look) {
	if len(ranges) == 0 || t.text == "" {
		return
	}
	runs := t.runs
	if len(runs) == 0 {
		runs = []run{{end: len(t.text)}}
	}
	cuts := make([]int, 0, len(runs)+2*len(ranges))
	for _, r := range runs {
		cuts = append(cuts, r.end)
	}
	for _, r := range ranges {
		cuts = append(cuts, r[0], r[1])
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	out := make([]run, 0, len(cuts))
	ri, start := 0, 0
	for _, c := range cuts {
		if c <= start || c > len(t.text) {
			continue
		}
		for runs[ri].end < c {
			ri++
		}
		lk := runs[ri].look
		for _, r := range ranges {
			if start >= r[0] && start < r[1] {
				lk |= l
				break
			}
		}
		out = append(out, run{end: c, look: lk})
		start = c
	}
	t.runs = out
}

// wrap splits text into lines of at most width cells, breaking at spaces
// where it can and inside a word (never inside a character) where it must.
// Newlines always break. It returns byte ranges of text, without the spaces
// at the breaks.
func wrap(text string, width int) [][2]int {
	if width < 1 {
		width = 1
	}
	var lines [][2]int
	lineStart, lineEnd, lineWidth := 0, 0, 0
	flush := func() {
		lines = append(lines, [2]int{lineStart, lineEnd})
	}
	i := 0
	for i <= len(text) {
		if i == len(text) || text[i] == '\n' {
			flush()
			if i == len(text) {
				break
			}
			i++
			lineStart, lineEnd, lineWidth = i, i, 0
			continue
		}
		if text[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		word := text[i:j]
		w := ansi.StringWidth(word)
		gap := 0
		if lineEnd > lineStart {
			gap = i - lineEnd
			if gap > 1 {
				gap = 1
			}
		}
		switch {
		case lineWidth+gap+w <= width:
			if lineEnd == lineStart {
				lineStart = i
			}
			lineEnd, lineWidth = j, lineWidth+gap+w
		case w <= width:
			flush()
			lineStart, lineEnd, lineWidth = i, j, w
		default:
			// Too long for any line (a URL, say): start it on this line
			// when there is room, and break it where it must.
			if lineEnd > lineStart && width-lineWidth-gap >= min(12, width/3) {
				lineWidth += gap
				lineEnd = i
			} else {
				if lineEnd > lineStart {
					flush()
				}
				lineStart, lineEnd, lineWidth = i, i, 0
			}
			for k := i; k < j; {
				_, size := utf8.DecodeRuneInString(text[k:])
				cw := ansi.StringWidth(text[k : k+size])
				if lineWidth+cw > width && lineEnd > lineStart {
					flush()
					lineStart, lineEnd, lineWidth = k, k, 0
				}
				k += size
				lineEnd, lineWidth = k, lineWidth+cw
			}
		}
		i = j
	}
	return lines
}

// lookStyles turns looks into styles, building each combination once.
type lookStyles struct {
	s     *styles
	cache map[look]lipgloss.Style
	seqs  map[look]wrapper
}

func (ls *lookStyles) style(l look) lipgloss.Style {
	if st, ok := ls.cache[l]; ok {
		return st
	}
	st := lipgloss.NewStyle()
	s := ls.s
	// Later entries win where two looks set the same property.
	for _, e := range []struct {
		bit  look
		from lipgloss.Style
	}{
		{lookSelected, s.rowSelected}, {lookSelectedBlur, s.rowSelectedBlur},
		{lookMeta, s.meta}, {lookQuote, s.quote}, {lookHeading, s.heading}, {lookHeadline, s.headline},
		{lookStrong, s.strong}, {lookEm, s.em}, {lookCode, s.code}, {lookLink, s.linkRef},
		{lookAdded, s.addedText}, {lookRemoved, s.removedText}, {lookMatch, s.match},
	} {
		if l&e.bit != 0 {
			st = e.from.Inherit(st) // e.from's own properties win
		}
	}
	if ls.cache == nil {
		ls.cache = make(map[look]lipgloss.Style)
	}
	ls.cache[l] = st
	return st
}

// wrapper is the look's style as opening and closing sequences.
func (ls *lookStyles) wrapper(l look) wrapper {
	if w, ok := ls.seqs[l]; ok {
		return w
	}
	if ls.seqs == nil {
		ls.seqs = make(map[look]wrapper)
	}
	w := newWrapper(ls.style(l))
	ls.seqs[l] = w
	return w
}

// render styles text[start:end] by its runs.
func (ls *lookStyles) render(t *styledText, start, end int) string {
	if len(t.runs) == 0 {
		return t.text[start:end]
	}
	var sb strings.Builder
	from := 0
	for _, r := range t.runs {
		a, b := max(from, start), min(r.end, end)
		from = r.end
		if a >= b {
			continue
		}
		if r.look == 0 {
			sb.WriteString(t.text[a:b])
		} else {
			ls.wrapper(r.look).write(&sb, t.text[a:b])
		}
		if r.end >= end {
			break
		}
	}
	return sb.String()
}
