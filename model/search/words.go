package search

import (
	"slices"
	"strings"
)

// Words: the index keeps every distinct word of the folded texts (a run of
// bytes between spaces, punctuation included) with the updates that hold
// it. A term without a space occurs in an update exactly when it is part of
// one of the update's words, so such a term is answered by finding the words
// that contain it, in one string of all words, and joining their postings:
// no text is compared, however common the term.

// wordSep separates words in Index.dict; folding drops it from texts.
const wordSep = 0

// addWords indexes the words of an update's folded text.
func (x *Index) addWords(id uint32, text string, limit int) {
	if x.words == nil {
		x.words = make(map[string]int32)
	}
	for len(text) > 0 {
		end := strings.IndexAny(text, " \n")
		if end < 0 {
			end = len(text)
		}
		if end > 0 {
			w := text[:end]
			pi, ok := x.words[w]
			if !ok {
				x.postings = append(x.postings, posting{})
				pi = int32(len(x.postings))
				x.words[w] = pi // w lives in the arena, which never changes
				x.dict = append(x.dict, wordSep)
				x.dictWords = append(x.dictWords, int32(len(x.dict)))
				x.dictPostings = append(x.dictPostings, pi)
				x.dict = append(x.dict, w...)
			}
			x.postings[pi-1].add(id, limit)
		}
		if end == len(text) {
			break
		}
		text = text[end+1:]
	}
}

// term returns the updates that may hold t, whether exactly those hold it,
// and false when none can. Terms of one or two bytes have their gram's
// posting; other terms without a space the union of the postings of the
// words containing them; a phrase the updates holding each of its words (its
// first word may end a longer word, its last begin one) and each meeting of
// two of them.
func (x *Index) term(t string) (bitset, bool, bool) {
	if len(t) <= 2 {
		set, ok := x.gram(t, nil)
		return set, true, ok
	}
	if !strings.Contains(t, " ") {
		set, ok := x.wordUnion(t, anywhere)
		return set, true, ok
	}
	// The first word of a phrase ends a word, the last begins one, and
	// those between are whole words.
	parts := strings.Split(t, " ")
	var set bitset
	for i, part := range parts {
		var at wordPart
		switch {
		case i == 0:
			at = suffix
		case i == len(parts)-1:
			at = prefix
		default:
			at = whole
		}
		s, ok := x.wordUnion(part, at)
		if !ok {
			return nil, false, false
		}
		if set == nil {
			set = s
		} else {
			set.and(s)
		}
	}
	// Where the words meet: "prime minister" needs "e m".
	for i := 1; i+1 < len(t); i++ {
		if t[i] == ' ' {
			var ok bool
			if set, ok = x.gram(t[i-1:i+2], set); !ok {
				return nil, false, false
			}
		}
	}
	return set, false, true
}

// gram returns the updates holding a gram, or, when in is not nil, those of
// in that hold it (changing in); false when none do.
func (x *Index) gram(g string, in bitset) (bitset, bool) {
	if x.grams == nil || x.grams[gramKey(g)] == 0 {
		return nil, false
	}
	p := &x.postings[x.grams[gramKey(g)]-1]
	if in != nil {
		in.andPosting(p)
		return in, true
	}
	set := make(bitset, len(x.present))
	set.or(p)
	return set, true
}

// wordPart says where in a word a term must occur.
type wordPart int

const (
	anywhere wordPart = iota
	prefix
	suffix
	whole
)

// wordUnion returns the updates with a word containing t at the given part
// of it, and false when there are none.
func (x *Index) wordUnion(t string, at wordPart) (bitset, bool) {
	if at == whole {
		pi, ok := x.words[t]
		if !ok {
			return nil, false
		}
		set := make(bitset, len(x.present))
		set.or(&x.postings[pi-1])
		return set, true
	}
	dict := bytesString(x.dict)
	var out bitset
	for from := 0; from < len(dict); {
		i := strings.Index(dict[from:], t)
		if i < 0 {
			break
		}
		pos := from + i
		// The word holding the match: the last one starting at or before it.
		w, found := slices.BinarySearch(x.dictWords, int32(pos))
		if !found {
			w--
		}
		end := len(dict)
		if w+1 < len(x.dictWords) {
			end = int(x.dictWords[w+1]) - 1
		}
		start := int(x.dictWords[w])
		if (at != prefix || pos == start) && (at != suffix || pos+len(t) == end) {
			if out == nil {
				out = make(bitset, len(x.present))
			}
			out.or(&x.postings[x.dictPostings[w]-1])
			from = end
		} else {
			from = pos + 1
		}
	}
	return out, out != nil
}

// andPosting keeps the members of b that are in p.
func (b bitset) andPosting(p *posting) {
	if p.bits != nil {
		b.and(p.bits)
		return
	}
	var keep bitset = make(bitset, len(b))
	keep.or(p)
	b.and(keep)
}

// or adds the members of p to b.
func (b bitset) or(p *posting) {
	if p.bits != nil {
		for i := range min(len(b), len(p.bits)) {
			b[i] |= p.bits[i]
		}
		return
	}
	for _, id := range p.ids {
		b[id/64] |= 1 << (id % 64)
	}
}
