package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
	"github.com/rivo/uniseg"
)

// Query is a parsed search: terms that must all occur and terms that must
// not. The zero Query is empty and matches everything.
type Query struct {
	raw     string
	terms   []term   // as written, for String
	include []string // folded, distinct, longest first
	exclude []string // folded, distinct
}

// term is one word or phrase of a query.
type term struct {
	text    string // as written, trimmed
	folded  string
	phrase  bool
	exclude bool
}

// Parse reads a query: words separated by white space, "quoted phrases", and
// a leading - on a word or phrase to exclude it. Every word and phrase must
// occur in an update, in any order, as part of a word or across words; no
// excluded one may. Matching is case- and accent-insensitive (see Fold).
// Typographic quotes (“ ” „) work as straight ones. An unclosed quote runs to
// the end of the query; empty words and phrases and a lone - are ignored.
func Parse(q string) Query {
	query := Query{raw: q}
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		t := term{}
		if q[i] == '-' {
			t.exclude = true
			i++
		}
		if r, size := utf8.DecodeRuneInString(q[i:]); isQuote(r) {
			t.phrase = true
			i += size
			end := strings.IndexFunc(q[i:], isQuote)
			if end < 0 {
				end = len(q) - i
			}
			t.text = q[i : i+end]
			i += end
			if i < len(q) {
				_, size := utf8.DecodeRuneInString(q[i:])
				i += size
			}
		} else {
			end := strings.IndexFunc(q[i:], func(r rune) bool { return isQuote(r) || unicode.IsSpace(r) })
			if end < 0 {
				end = len(q) - i
			}
			t.text = q[i : i+end]
			i += end
		}
		t.text = strings.TrimSpace(t.text)
		t.folded = strings.Trim(Fold(t.text), " ")
		if t.folded == "" {
			continue
		}
		query.terms = append(query.terms, t)
		if t.exclude {
			if !slices.Contains(query.exclude, t.folded) {
				query.exclude = append(query.exclude, t.folded)
			}
		} else if !slices.Contains(query.include, t.folded) {
			query.include = append(query.include, t.folded)
		}
	}
	// Longest first: the rarest terms reject an update soonest.
	slices.SortStableFunc(query.include, func(a, b string) int { return len(b) - len(a) })
	return query
}

// isQuote reports whether r opens or closes a phrase: a straight double
// quote, or a typographic one as some keyboards type.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

// Empty reports whether the query has no terms and so matches everything.
func (q Query) Empty() bool { return len(q.terms) == 0 }

// Raw returns the text the query was parsed from.
func (q Query) Raw() string { return q.raw }

// String returns the query in canonical form: its terms as parsed, separated
// by single spaces, phrases quoted, exclusions marked with -.
func (q Query) String() string {
	var sb strings.Builder
	for i, t := range q.terms {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if t.exclude {
			sb.WriteByte('-')
		}
		if t.phrase {
			sb.WriteByte('"')
			sb.WriteString(strings.Join(strings.Fields(t.text), " "))
			sb.WriteByte('"')
		} else {
			sb.WriteString(t.text)
		}
	}
	return sb.String()
}

// Match reports whether the update matches the query: every word and
// phrase occurs in its headline, body text or author (each in any of them,
// none across two), and no excluded one does. An empty query matches.
func (q Query) Match(u *model.Update) bool {
	if q.Empty() {
		return true
	}
	return q.matchFolded(foldUpdate(nil, u))
}

// matchFolded matches an update's folding as made by foldUpdate.
func (q Query) matchFolded(doc []byte) bool {
	return matchText(q, bytesString(doc))
}

// fieldSep separates the fields of a folded update. Folding turns every
// newline into a space, so no term contains it and none matches across
// fields.
const fieldSep = '\n'

// foldUpdate appends the folding of an update's searchable fields to dst.
// The body is read from its blocks when it has them, so that list markers
// and link references ("[1]") that Text adds are not searched.
func foldUpdate(dst []byte, u *model.Update) []byte {
	dst = fold(dst, nil, u.Headline)
	dst = append(dst, fieldSep)
	if len(u.Body.Blocks) == 0 {
		dst = fold(dst, nil, u.Text)
	}
	for i, b := range u.Body.Blocks {
		if i > 0 {
			dst = fold(dst, nil, " ")
		}
		for _, sp := range b.Spans {
			dst = fold(dst, nil, sp.Text)
		}
	}
	dst = append(dst, fieldSep)
	return fold(dst, nil, u.Author)
}

// Highlights returns the byte ranges [start, end) of s where the query's
// words and phrases (not its exclusions) occur, matched as Match does, in
// order and with overlapping or touching ranges merged. Ranges start and end
// on grapheme cluster boundaries, so they never split a multi-byte character,
// a character from its accents, or a wide glyph such as an emoji sequence.
func (q Query) Highlights(s string) [][2]int {
	if len(q.include) == 0 || s == "" {
		return nil
	}
	offs := make([]int32, 0, len(s))
	f := fold(make([]byte, 0, len(s)), &offs, s)
	folded := bytesString(f)
	var out [][2]int
	for _, t := range q.include {
		for from := 0; from+len(t) <= len(folded); {
			i := strings.Index(folded[from:], t)
			if i < 0 {
				break
			}
			fs, fe := from+i, from+i+len(t)
			start := int(offs[fs])
			last := int(offs[fe-1])
			_, size := utf8.DecodeRuneInString(s[last:])
			out = append(out, [2]int{start, last + size})
			// Next occurrence may overlap this one: step one folded rune.
			_, step := utf8.DecodeRuneInString(folded[fs:])
			from = fs + step
		}
	}
	if len(out) == 0 {
		return nil
	}
	snapToGraphemes(s, out)
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	merged := out[:1]
	for _, r := range out[1:] {
		last := &merged[len(merged)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// snapToGraphemes widens each range to the grapheme clusters it touches.
// Between two ASCII bytes (but for CR LF) there is always a cluster
// boundary, so clusters are only worked out near non-ASCII text, from the
// nearest such boundary before; a long stretch without one (CJK text, say)
// has the clusters of the whole of s worked out once.
func snapToGraphemes(s string, ranges [][2]int) {
	var all []int
	snap := func(p int, down bool) int {
		if asciiBoundary(s, p) {
			return p
		}
		q := p - 1
		for q > 0 && p-q < 256 && !asciiBoundary(s, q) {
			q--
		}
		if !asciiBoundary(s, q) {
			if all == nil {
				all = graphemeBounds(s)
			}
			i, found := slices.BinarySearch(all, p)
			switch {
			case found:
				return p
			case down:
				return all[i-1]
			}
			return all[i]
		}
		state, pos, rest := -1, q, s[q:]
		for {
			var c string
			c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			switch end := pos + len(c); {
			case end == p:
				return p
			case end > p && down:
				return pos
			case end > p:
				return end
			}
			pos += len(c)
		}
	}
	for i, r := range ranges {
		ranges[i] = [2]int{snap(r[0], true), snap(r[1], false)}
	}
}

// asciiBoundary reports whether p is between two ASCII bytes other than CR
// LF, or at either end of s: certainly a grapheme cluster boundary.
func asciiBoundary(s string, p int) bool {
	if p <= 0 || p >= len(s) {
		return true
	}
	a, b := s[p-1], s[p]
	return a < utf8.RuneSelf && b < utf8.RuneSelf && !(a == '\r' && b == '\n')
}

// graphemeBounds returns every grapheme cluster boundary of s, 0 and len(s)
// included.
func graphemeBounds(s string) []int {
	bounds := []int{0}
	state, rest, pos := -1, s, 0
	for rest != "" {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(c)
		bounds = append(bounds, pos)
	}
	return bounds
}
