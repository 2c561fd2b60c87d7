package search

import (
	"context"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/liveline-tui/liveline/model"
)

// Index answers queries over the updates of one story. It keeps every
// update's folded text; for every one- and two-byte sequence of those texts,
// and every last byte of a word with the first of the next (grams), the
// updates that hold it; and every distinct word (a run of bytes
// between spaces) with the updates that hold it. A term without a space
// occurs exactly in the updates that hold its gram (up to two bytes) or a
// word containing it; a phrase may occur only where each of its words does,
// and only those updates are compared in full.
//
// Updates are keyed by their arrival number (model.Update.Seq), so an index
// serves the updates of one model.Story; a story rebuilt by model.Restore
// needs a new index. Add and Search may be called from different goroutines.
type Index struct {
	mu       sync.RWMutex
	docs     []doc   // by Seq
	present  bitset  // Seqs that have a doc
	dirty    bitset  // Seqs re-indexed with a changed text: their postings may be stale
	n        int     // docs present
	grams    []int32 // gram key -> 1 + index in postings
	postings []posting

	words        map[string]int32 // distinct word -> 1 + index in postings
	dict         []byte           // every distinct word, each after a wordSep
	dictWords    []int32          // where each word of dict starts
	dictPostings []int32          // 1 + index in postings of each word of dict

	scratch []byte
	arena   []byte // the chunk texts are being stored in
	version uint64 // counts changes, to know when last is out of date

	lastMu sync.Mutex
	last   *lastSearch
}

type doc struct {
	u    *model.Update
	text string // foldUpdate of u
}

// posting holds the updates containing one gram or word: a sorted list while
// few, a bitset once the list would take more room than the bitset.
type posting struct {
	ids  []uint32
	bits bitset
	n    int
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{words: make(map[string]int32)}
}

// Add indexes an update, or re-indexes it after an edit: its folded
// headline, text and author replace what the index held for its Seq.
func (x *Index) Add(u *model.Update) {
	x.mu.Lock()
	defer x.mu.Unlock()
	seq := u.Seq()
	if seq >= 1<<32-1 {
		return
	}
	id := uint32(seq)
	x.scratch = foldUpdate(x.scratch[:0], u)
	if int(id) >= len(x.docs) {
		x.docs = slices.Grow(x.docs, int(id)+1-len(x.docs))[:int(id)+1]
	}
	d := &x.docs[id]
	if d.u != nil && d.text == string(x.scratch) {
		d.u = u
		return
	}
	x.version++
	if d.u == nil {
		x.n++
		x.present.set(id)
	} else {
		x.dirty.set(id)
	}
	d.u = u
	d.text = x.store(x.scratch)
	// Postings of an older text stay: they only add candidates, which the
	// full comparison rejects.
	text := d.text
	limit := len(x.docs)
	for i := 0; i < len(text); i++ {
		x.posting(gramKey(text[i:i+1])).add(id, limit)
		if i+2 <= len(text) {
			x.posting(gramKey(text[i:i+2])).add(id, limit)
		}
		if i+3 <= len(text) && text[i+1] == ' ' {
			x.posting(gramKey(text[i:i+3])).add(id, limit)
		}
	}
	x.addWords(id, text, limit)
}

// store copies b into the index's text arena and returns it as a string.
// Texts sit one after another in large chunks, in the order they came, so
// that a search reading candidates in order reads memory in order, and no
// text costs an allocation of its own. Bytes once stored never change.
func (x *Index) store(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(x.arena)-len(x.arena) {
		x.arena = make([]byte, 0, max(arenaChunk, len(b)))
	}
	off := len(x.arena)
	x.arena = append(x.arena, b...)
	return unsafe.String(&x.arena[off], len(b))
}

const arenaChunk = 1 << 20

// gramKey numbers a string of one or two bytes, or of three with a space
// in the middle (where one word meets the next).
func gramKey(g string) uint32 {
	switch len(g) {
	case 1:
		return uint32(g[0])
	case 2:
		return 256 + (uint32(g[0])<<8 | uint32(g[1]))
	}
	return 256 + 1<<16 + (uint32(g[0])<<8 | uint32(g[2]))
}

const gramKeys = 256 + 2<<16

// posting returns the posting of a gram key, made if need be.
func (x *Index) posting(key uint32) *posting {
	if x.grams == nil {
		x.grams = make([]int32, gramKeys)
	}
	pi := x.grams[key]
	if pi == 0 {
		x.postings = append(x.postings, posting{})
		pi = int32(len(x.postings))
		x.grams[key] = pi
	}
	return &x.postings[pi-1]
}

// Len returns the number of updates indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.n
}

// Bytes estimates the memory the index holds, in bytes.
func (x *Index) Bytes() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := cap(x.docs)*int(unsafe.Sizeof(doc{})) + cap(x.present)*8
	for _, d := range x.docs {
		n += len(d.text)
	}
	n += len(x.words)*(16+4)*2 + cap(x.dict) + cap(x.dictWords)*4 + cap(x.dictPostings)*4
	n += cap(x.postings)*int(unsafe.Sizeof(posting{})) + cap(x.grams)*4
	for _, p := range x.postings {
		n += cap(p.ids)*4 + cap(p.bits)*8
	}
	return n
}

func (p *posting) add(id uint32, limit int) {
	if p.bits != nil {
		if !p.bits.has(id) {
			p.bits.set(id)
			p.n++
		}
		return
	}
	switch last := len(p.ids) - 1; {
	case last < 0 || p.ids[last] < id:
		p.ids = append(p.ids, id)
	case p.ids[last] == id:
		return
	default:
		i, found := slices.BinarySearch(p.ids, id)
		if found {
			return
		}
		p.ids = slices.Insert(p.ids, i, id)
	}
	p.n++
	// A list costs 32 bits an entry, a bitset one bit an update.
	if p.n > 64 && p.n*32 > limit {
		p.bits = make(bitset, (limit+63)/64)
		for _, id := range p.ids {
			p.bits.set(id)
		}
		p.ids = nil
	}
}

// Result is the outcome of one search.
type Result struct {
	// Query is the text the query was parsed from (Query.Raw), so that a
	// caller running searches in the background can drop stale results.
	Query string
	// Err is the context's error when the search was cancelled; the result
	// is then incomplete.
	Err error

	hits bitset
	n    int
}

// Has reports whether the update matched.
func (r *Result) Has(u *model.Update) bool {
	if r == nil {
		return false
	}
	seq := u.Seq()
	return seq < uint64(len(r.hits))*64 && r.hits.has(uint32(seq))
}

// Len returns the number of updates that matched.
func (r *Result) Len() int {
	if r == nil {
		return 0
	}
	return r.n
}

// Search returns the indexed updates that match q; an empty query matches
// all. It stops early, with Result.Err set, when ctx is cancelled.
//
// When q narrows the previous search (as typing does: the same terms, one
// of them longer, or one more), only the updates that search found are
// candidates, and only the new terms are looked for.
func (x *Index) Search(ctx context.Context, q Query) *Result {
	x.mu.RLock()
	defer x.mu.RUnlock()
	res := &Result{Query: q.raw}
	if q.Empty() {
		res.hits = slices.Clone(x.present)
		res.n = x.n
		return res
	}
	res.hits = make(bitset, len(x.present))

	include, exclude, base := q.include, q.exclude, bitset(nil)
	x.lastMu.Lock()
	last := x.last
	x.lastMu.Unlock()
	if last != nil && last.version == x.version && narrows(q, last) {
		include, exclude, base = fresh(q.include, last.include), fresh(q.exclude, last.exclude), last.hits
	}

	// Postings are exact but for updates edited since they were first
	// indexed ("dirty"), which may be there by a stale posting and are
	// always compared in full.
	p := &plan{q: q, dirty: x.dirty}
	var sets []bitset // for each term to include, the updates that may hold it
	for _, t := range include {
		set, exact, ok := x.term(t)
		if !ok {
			x.remember(q, res, nil, nil)
			return res // t occurs nowhere
		}
		sets = append(sets, set)
		if !exact {
			p.check = append(p.check, check{text: t})
		}
	}
	exact := true
	for _, t := range exclude {
		set, ex, ok := x.term(t)
		if !ok {
			continue // t occurs nowhere: excludes nothing
		}
		p.excl = append(p.excl, exclusion{text: t, may: set, exact: ex})
		exact = exact && ex
	}
	if err := ctx.Err(); err != nil {
		res.Err = err
		return res
	}
	var bs bitset
	switch {
	case len(sets) > 0:
		bs, sets = sets[0], sets[1:] // made for this search: free to change
	case base != nil:
		bs = slices.Clone(base)
	default:
		bs = slices.Clone(x.present) // only exclusions
	}
	if base != nil {
		sets = append(sets, base)
	}
	for _, set := range sets {
		bs.and(set)
	}
	if len(p.check) == 0 && exact {
		// No term needs comparing: the postings are the answer, but for
		// dirty updates, which may be there by a stale posting.
		copy(res.hits, bs)
		for _, e := range p.excl {
			res.hits.andNot(e.may)
		}
		for i, w := range x.dirty {
			for w != 0 {
				id := uint32(i*64 + bits.TrailingZeros64(w))
				w &= w - 1
				if bs.has(id) && matchText(q, x.docs[id].text) {
					res.hits.set(id)
				} else if res.hits.has(id) {
					res.hits[id/64] &^= 1 << (id % 64)
				}
			}
		}
		for _, w := range res.hits {
			res.n += bits.OnesCount64(w)
		}
		x.remember(q, res, nil, nil)
		return res
	}
	cands := bs.appendIDs(make([]uint32, 0, 1024))
	for k := range p.check {
		c := &p.check[k]
		c.at = make([]int32, len(cands))
		if last == nil || last.version != x.version {
			continue
		}
		// A term that is, or is typed on from, one the last search looked
		// for occurs first no earlier than that one did (where it found it;
		// elsewhere its offsets are 0).
		for old, at := range last.at {
			if strings.HasPrefix(c.text, old) {
				c.from = align(cands, last.cands, at)
				break
			}
		}
	}
	res.n, res.Err = x.verify(ctx, p, cands, res.hits)
	if res.Err == nil {
		at := make(map[string][]int32, len(p.check))
		for _, c := range p.check {
			at[c.text] = c.at
		}
		x.remember(q, res, cands, at)
	}
	return res
}

// align returns, for each of cands, its offset in at (which goes with ids,
// sorted like cands), or 0.
func align(cands, ids []uint32, at []int32) []int32 {
	from := make([]int32, len(cands))
	j := 0
	for i, id := range cands {
		for j < len(ids) && ids[j] < id {
			j++
		}
		if j < len(ids) && ids[j] == id {
			from[i] = max(at[j], 0)
		}
	}
	return from
}

// lastSearch is a complete search, kept to narrow the next one.
type lastSearch struct {
	include, exclude []string
	hits             bitset
	version          uint64

	// Where the terms looked for in the text were found first, by update
	// in cands.
	cands []uint32
	at    map[string][]int32
}

// remember keeps a complete result for the next search to narrow, with
// where its terms were found in the candidates' texts. The caller holds
// x.mu for reading.
func (x *Index) remember(q Query, res *Result, cands []uint32, at map[string][]int32) {
	x.lastMu.Lock()
	x.last = &lastSearch{include: q.include, exclude: q.exclude, hits: res.hits, version: x.version, cands: cands, at: at}
	x.lastMu.Unlock()
}

// narrows reports whether every update matching q matched the last search:
// each of its terms is part of one of q's, and each of its exclusions is
// one of q's.
func narrows(q Query, last *lastSearch) bool {
	for _, old := range last.include {
		if !slices.ContainsFunc(q.include, func(t string) bool { return strings.Contains(t, old) }) {
			return false
		}
	}
	for _, old := range last.exclude {
		if !slices.Contains(q.exclude, old) {
			return false
		}
	}
	return true
}

// fresh returns the terms not among old.
func fresh(terms, old []string) []string {
	var out []string
	for _, t := range terms {
		if !slices.Contains(old, t) {
			out = append(out, t)
		}
	}
	return out
}

// plan says how to decide, update by update, whether a candidate matches.
type plan struct {
	q     Query
	dirty bitset      // updates whose postings may be stale: compare in full
	check []check     // include terms to look for in the text
	excl  []exclusion // exclude terms
}

// check is a term looked for in the candidates' texts.
type check struct {
	text string
	from []int32 // by candidate: where to start looking, or nil for 0
	at   []int32 // by candidate: where text was found first
}

type exclusion struct {
	text  string
	may   bitset // updates that may contain text; nil: any may
	exact bool   // may holds exactly the updates that contain text
}

// match decides on candidate i, the update id with the given text.
func (p *plan) match(i int, id uint32, text string) bool {
	if p.dirty.has(id) {
		if !matchText(p.q, text) {
			return false
		}
		for k := range p.check {
			p.check[k].at[i] = int32(strings.Index(text, p.check[k].text))
		}
		return true
	}
	for _, e := range p.excl {
		if e.exact && e.may.has(id) {
			return false
		}
	}
	for k := range p.check {
		c := &p.check[k]
		off := 0
		if c.from != nil {
			off = int(c.from[i])
		}
		j := strings.Index(text[off:], c.text)
		if j < 0 {
			return false
		}
		c.at[i] = int32(off + j)
	}
	for _, e := range p.excl {
		if e.exact || e.may != nil && !e.may.has(id) {
			continue
		}
		if strings.Contains(text, e.text) {
			return false
		}
	}
	return true
}

// parallelMin is the number of updates below which a search compares them
// on one goroutine.
const parallelMin = 4096

// verify decides on candidates (every update when cands is nil) with p,
// sets the matching ones in hits and returns their number.
func (x *Index) verify(ctx context.Context, p *plan, cands []uint32, hits bitset) (int, error) {
	total := len(cands)
	if cands == nil {
		total = len(x.docs)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, total/parallelMin))
	if workers == 1 {
		return x.verifyRange(ctx, p, cands, 0, total, hits)
	}
	// Split on whole bitset words so that workers never share one.
	cut := make([]int, workers+1)
	cut[workers] = total
	for w := 1; w < workers; w++ {
		c := total * w / workers
		if cands == nil {
			c = c &^ 63
		} else {
			for c < total && c > 0 && cands[c]/64 == cands[c-1]/64 {
				c++
			}
		}
		cut[w] = max(c, cut[w-1])
	}
	var wg sync.WaitGroup
	counts := make([]int, workers)
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			counts[w], errs[w] = x.verifyRange(ctx, p, cands, cut[w], cut[w+1], hits)
		})
	}
	wg.Wait()
	n := 0
	for _, c := range counts {
		n += c
	}
	for _, err := range errs {
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (x *Index) verifyRange(ctx context.Context, p *plan, cands []uint32, from, to int, hits bitset) (int, error) {
	n := 0
	for i := from; i < to; i++ {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		id := uint32(i)
		if cands != nil {
			id = cands[i]
		}
		d := &x.docs[id]
		if d.u == nil || !p.match(i, id, d.text) {
			continue
		}
		hits.set(id)
		n++
	}
	return n, nil
}

func matchText(q Query, s string) bool {
	for _, t := range q.include {
		if !strings.Contains(s, t) {
			return false
		}
	}
	for _, t := range q.exclude {
		if strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// bitset is a set of small integers.
type bitset []uint64

func (b bitset) has(i uint32) bool {
	w := int(i / 64)
	return w < len(b) && b[w]&(1<<(i%64)) != 0
}

func (b *bitset) set(i uint32) {
	if w := int(i / 64); w >= len(*b) {
		*b = slices.Grow(*b, w+1-len(*b))[:w+1]
	}
	(*b)[i/64] |= 1 << (i % 64)
}

// andNot removes the members of c from b.
func (b bitset) andNot(c bitset) {
	for i := range min(len(b), len(c)) {
		b[i] &^= c[i]
	}
}

// and keeps the members of b that are in c.
func (b bitset) and(c bitset) {
	for i := range b {
		if i < len(c) {
			b[i] &= c[i]
		} else {
			b[i] = 0
		}
	}
}

func (b bitset) appendIDs(dst []uint32) []uint32 {
	for i, w := range b {
		for w != 0 {
			dst = append(dst, uint32(i*64+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	return dst
}

// bytesString views b as a string without copying; b must not change while
// the string is in use.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
