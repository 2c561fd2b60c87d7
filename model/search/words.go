package search

import (
	"slices"
	"strings"
)

// Words: the index also keeps every distinct word of the folded texts (a
// run of bytes between spaces, punctuation included) with the updates that
// hold it. A term without a space occurs in an update exactly when it is
// part of one of the update's words, so such a term is answered by finding
// the words that contain it, in one string of all words, and joining their
// postings: no text is compared, however common the term.

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

// wordTerm reports whether t is answered from the words: it holds no space,
// and is long enough that its grams are not already exact.
func wordTerm(t string) bool {
	return len(t) > 3 && !strings.ContainsAny(t, " \n")
}

// wordUnion returns the updates with a word containing t, and false when
// there are none.
func (x *Index) wordUnion(t string) (bitset, bool) {
	dict := bytesString(x.dict)
	var out bitset
	for from := 0; from < len(dict); {
		i := strings.Index(dict[from:], t)
		if i < 0 {
			break
		}
		at := from + i
		// The word holding the match: the last one starting at or before it.
		w, found := slices.BinarySearch(x.dictWords, int32(at))
		if !found {
			w--
		}
		if out == nil {
			out = make(bitset, len(x.present))
		}
		out.or(&x.postings[x.dictPostings[w]-1])
		if w+1 >= len(x.dictWords) {
			break
		}
		from = int(x.dictWords[w+1])
	}
	return out, out != nil
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
