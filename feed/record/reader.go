package record

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/sniff"
	"github.com/liveline-tui/liveline/model"
)

// Recording is a recording read back: its steps (one per changed fetch, in
// order) and checkpoints, with warnings about anything skipped.
type Recording struct {
	Version int
	Created time.Time
	Steps   []Step
	// Warnings says what could not be read, such as "skipped a damaged
	// record at line 17 (byte 48213)" or "the last record was cut short".
	Warnings []string
	// Parse re-reads the bodies; DefaultParse when nil.
	Parse ParseFunc

	checkpoints []checkpointRef
	lost        int // steps stored as changes to a damaged record

	// mu guards decoded, the step last decoded, which the step after it is
	// most often stored as a change to.
	mu      sync.Mutex
	decoded struct {
		i int
		f *feed.Fetch
	}

	// For Append: where the last good record ends, and whether that record
	// lacks its newline.
	goodEnd     int64
	needNewline bool
	gzipped     bool
}

// Step is one fetch that changed the story.
type Step struct {
	Time         time.Time
	URL          string
	Status       int
	ETag         string
	LastModified string
	ContentType  string

	line []byte // the framed record, decoded again for its body
	// delta says the bodies are stored as changes to the step before;
	// lost, that the step before is not the record they change.
	delta, lost bool
}

// checkpointRef is a checkpoint read back, decoded only when used.
type checkpointRef struct {
	after     int // steps applied before it
	t         time.Time
	seq, base int
	line      []byte
}

// errLost is what reading the body of a step stored as a change to a
// damaged record gives.
var errLost = errors.New("its body was stored as a change to a damaged record")

// Fetch returns step i as the recorder was given it: its response, body
// and older pages, without a snapshot. The bodies may be shared with the
// recording: read them, do not change them.
func (rec *Recording) Fetch(i int) (*feed.Fetch, error) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.Steps[i].lost {
		return nil, errLost
	}
	// A step stored as a change needs the one before, back to one stored
	// whole or to the one decoded last.
	from := i
	for rec.Steps[from].delta && !(rec.decoded.f != nil && rec.decoded.i == from-1) {
		from--
	}
	var prev *feed.Fetch
	if rec.Steps[from].delta {
		prev = rec.decoded.f
	}
	for j := from; j <= i; j++ {
		f, err := rec.Steps[j].fetch(prev)
		if err != nil {
			return nil, err
		}
		prev = f
	}
	rec.decoded.i, rec.decoded.f = i, prev
	return prev, nil
}

// fetch decodes the step, whose bodies may be changes to those of prev.
func (s *Step) fetch(prev *feed.Fetch) (*feed.Fetch, error) {
	var r wireRecord
	if err := json.Unmarshal(s.line, &r); err != nil {
		return nil, err
	}
	f := &feed.Fetch{Time: s.Time, URL: s.URL, Status: s.Status, ETag: s.ETag,
		LastModified: s.LastModified, ContentType: s.ContentType}
	var dict []byte
	if prev != nil {
		dict = prev.Body
	}
	var err error
	if f.Body, err = r.decode(dict); err != nil {
		return nil, fmt.Errorf("its body does not decompress: %w", err)
	}
	for i, pg := range r.Pages {
		dict = nil
		if prev != nil && i < len(prev.Pages) {
			dict = prev.Pages[i].Body
		}
		body, err := pg.decode(dict)
		if err != nil {
			return nil, fmt.Errorf("its page %d does not decompress: %w", i+2, err)
		}
		f.Pages = append(f.Pages, feed.Page{URL: pg.URL, ContentType: pg.ContentType, Body: body})
	}
	return f, nil
}

// Open reads the recording at path (plain or gzip-compressed).
func Open(path string) (*Recording, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r, err := Read(data)
	if err != nil {
		return nil, fmtErr(path, err)
	}
	return r, nil
}

// IsRecording reports whether data (the start of a file is enough) looks
// like a recording: it opens with a recording's header, or is gzip
// compressed and what it holds does.
func IsRecording(data []byte) bool {
	if sniff.Gzip(data) {
		data = gunzipStart(data)
	}
	const magic = `{"liveline_recording":`
	n := min(len(data), len(magic))
	return n > 0 && string(data[:n]) == magic[:n]
}

// gunzipStart returns the first bytes that gzip-compressed data holds, as
// far as data goes; nil when it cannot be read.
func gunzipStart(data []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	out := make([]byte, 64)
	n, _ := io.ReadFull(zr, out)
	return out[:n]
}

// Read reads a recording from its bytes, which it keeps: the caller must
// not modify them.
func Read(data []byte) (*Recording, error) {
	rec := &Recording{}
	if sniff.Gzip(data) {
		var damaged int
		data, damaged, rec.goodEnd = gunzip(data)
		rec.gzipped = true
		if damaged > 0 {
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("skipped %d damaged or cut compressed part(s)", damaged))
		}
	}
	seenHeader := false
	lineNo := 0
	for off := 0; off < len(data); {
		lineNo++
		line := data[off:]
		terminated := false
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line, terminated = line[:nl], true
		}
		start := off
		off += len(line)
		if terminated {
			off++
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		ok := checkLine(line)
		if lineNo == 1 {
			if !ok && !IsRecording(line) {
				return nil, ErrNotRecording
			}
			if ok {
				var h header
				if json.Unmarshal(line, &h) != nil || h.Recording == 0 {
					return nil, ErrNotRecording
				}
				if h.Recording > Version {
					return nil, fmt.Errorf("recording format version %d is newer than this liveline reads (%d); upgrade liveline", h.Recording, Version)
				}
				rec.Version, rec.Created, seenHeader = h.Recording, h.Created, true
				rec.setEnd(off, terminated)
				continue
			}
		} else if ok {
			ok = rec.add(line)
		}
		switch {
		case ok:
			rec.setEnd(off, terminated)
		case !terminated:
			rec.Warnings = append(rec.Warnings, "the last record was cut short")
		default:
			rec.Warnings = append(rec.Warnings, fmt.Sprintf("skipped a damaged record at line %d (byte %d)", lineNo, start))
		}
	}
	if len(data) == 0 && !rec.gzipped {
		return nil, errors.New("empty file")
	}
	if rec.lost > 0 {
		what := "1 fetch after a damaged record was"
		if rec.lost > 1 {
			what = fmt.Sprintf("%d fetches after a damaged record were", rec.lost)
		}
		rec.Warnings = append(rec.Warnings, what+" stored as changes to it and cannot be read back; the next checkpoint restores the story")
	}
	if !seenHeader {
		rec.Version = Version
	}
	return rec, nil
}

// setEnd notes where the last good record ends, for Append; a compressed
// file's end comes from its members instead.
func (rec *Recording) setEnd(off int, terminated bool) {
	if !rec.gzipped {
		rec.goodEnd, rec.needNewline = int64(off), !terminated
	}
}

// withoutBody returns a fetch line written by this package cut before its
// body, closed to make a JSON object. The body comes last but for its
// pages and the crc, and a quote inside a JSON string is always escaped,
// so the first `,"body":"`, `,"body_base64":"` or `,"body_zstd":"` is the
// member itself.
func withoutBody(line []byte) ([]byte, bool) {
	i := bytes.Index(line, []byte(`,"body`))
	if i < 0 {
		return nil, false
	}
	switch rest := line[i:]; {
	case bytes.HasPrefix(rest, []byte(`,"body":"`)), bytes.HasPrefix(rest, []byte(`,"body_base64":"`)),
		bytes.HasPrefix(rest, []byte(`,"body_zstd":"`)):
	default:
		return nil, false
	}
	head := make([]byte, i+1)
	copy(head, line[:i])
	head[i] = '}'
	return head, true
}

// seqBase reads the seq and base that open a checkpoint object written by
// this package, {"seq":N,"base":M,...; zero when absent.
func seqBase(b []byte) (seq, base int) {
	num := func(key string) int {
		if !bytes.HasPrefix(b, []byte(key)) {
			return 0
		}
		b = b[len(key):]
		v := 0
		for len(b) > 0 && b[0] >= '0' && b[0] <= '9' && v < 1<<40 {
			v = v*10 + int(b[0]-'0')
			b = b[1:]
		}
		return v
	}
	seq = num(`{"seq":`)
	if seq != 0 {
		base = num(`,"base":`)
	}
	return seq, base
}

// checkpointPrefix starts every checkpoint line after its time.
var checkpointPrefix = []byte(`","checkpoint":`)

// add takes in one checked record line.
func (rec *Recording) add(line []byte) bool {
	// A checkpoint starts {"t":"<time>","checkpoint": and is decoded only
	// when needed.
	if bytes.HasPrefix(line, []byte(`{"t":"`)) {
		rest := line[len(`{"t":"`):]
		if i := bytes.IndexByte(rest, '"'); i > 0 && i < 64 && bytes.HasPrefix(rest[i:], checkpointPrefix) {
			t, err := time.Parse(time.RFC3339Nano, string(rest[:i]))
			if err != nil {
				return false
			}
			seq, base := seqBase(rest[i+len(checkpointPrefix):])
			rec.checkpoints = append(rec.checkpoints, checkpointRef{after: len(rec.Steps), t: t, seq: seq, base: base, line: line})
			return true
		}
	}
	var h fetchHead
	// The body is most of the line and is decoded only when used; decoding
	// it now just to check it would cost as much. A line that the cut does
	// not suit (a fetch with no body of its own, but pages) is read whole.
	if head, ok := withoutBody(line); !ok || json.Unmarshal(head, &h) != nil {
		h = fetchHead{}
		if err := json.Unmarshal(line, &h); err != nil {
			return false
		}
	}
	switch {
	case h.Checkpoint != nil:
		var c struct {
			Seq  int `json:"seq"`
			Base int `json:"base"`
		}
		json.Unmarshal(h.Checkpoint, &c)
		rec.checkpoints = append(rec.checkpoints, checkpointRef{after: len(rec.Steps), t: h.T, seq: c.Seq, base: c.Base, line: line})
	case h.Recording != 0:
		return false // a second header
	case !h.T.IsZero():
		s := Step{Time: h.T, URL: h.URL, Status: h.Status, ETag: h.ETag,
			LastModified: h.LastModified, ContentType: h.ContentType, line: line, delta: h.Prev != ""}
		if n := len(rec.Steps); s.delta {
			// Stored as a change to the record whose crc is Prev, which
			// must be the step before and readable itself.
			s.lost = n == 0 || rec.Steps[n-1].lost || string(lineCRC(rec.Steps[n-1].line)) != h.Prev
		}
		if s.lost {
			rec.lost++
		}
		rec.Steps = append(rec.Steps, s)
	}
	// Records of kinds this version does not know are skipped quietly.
	return true
}

// Len returns the number of steps.
func (rec *Recording) Len() int { return len(rec.Steps) }

// Checkpoints returns, for each checkpoint in the recording, the number of
// steps applied before it.
func (rec *Recording) Checkpoints() []int {
	out := make([]int, len(rec.checkpoints))
	for i, c := range rec.checkpoints {
		out[i] = c.after
	}
	return out
}

func (rec *Recording) parser() (ParseFunc, error) {
	if rec.Parse != nil {
		return rec.Parse, nil
	}
	if DefaultParse != nil {
		return DefaultParse, nil
	}
	return nil, errors.New("no parser to read the recording's bodies")
}

// Snapshot parses the body of step i into a prepared snapshot.
func (rec *Recording) Snapshot(i int) (*model.Snapshot, error) {
	parse, err := rec.parser()
	if err != nil {
		return nil, err
	}
	s := &rec.Steps[i]
	f, err := rec.Fetch(i)
	if err != nil {
		return nil, fmt.Errorf("step %d (%s): %w", i+1, s.Time.Format(time.RFC3339), err)
	}
	snap, err := parseFetch(parse, f)
	if err != nil {
		return nil, fmt.Errorf("step %d (%s): %w", i+1, s.Time.Format(time.RFC3339), err)
	}
	return snap, nil
}

// Checkpoint returns the latest checkpoint taken with at most n steps
// applied: how many steps it follows and the story's meta and updates.
// A delta checkpoint is rebuilt from the full one it builds on; one whose
// chain was damaged is passed over for an older one. With none, it returns
// 0 steps and an empty story.
func (rec *Recording) Checkpoint(n int) (after int, meta model.Snapshot, updates []model.Update, err error) {
	for i := len(rec.checkpoints) - 1; i >= 0; i-- {
		if rec.checkpoints[i].after > n {
			continue
		}
		if meta, updates, ok := rec.resolve(i); ok {
			return rec.checkpoints[i].after, meta, updates, nil
		}
	}
	return 0, model.Snapshot{}, nil, nil
}

// resolve decodes checkpoint i, following a delta back to its full one.
func (rec *Recording) resolve(i int) (model.Snapshot, []model.Update, bool) {
	chain := []int{i}
	for j := i; rec.checkpoints[j].base != 0; {
		k := j - 1
		for k >= 0 && rec.checkpoints[k].seq != rec.checkpoints[j].base {
			k--
		}
		if k < 0 {
			return model.Snapshot{}, nil, false // its base was damaged
		}
		chain = append(chain, k)
		j = k
	}
	var meta model.Snapshot
	var ups []model.Update
	for c := len(chain) - 1; c >= 0; c-- {
		var r struct {
			Checkpoint checkpoint `json:"checkpoint"`
		}
		if err := json.Unmarshal(rec.checkpoints[chain[c]].line, &r); err != nil {
			return model.Snapshot{}, nil, false // written by a broken writer
		}
		cp := &r.Checkpoint
		meta = cp.Meta
		if cp.Base == 0 {
			ups = cp.Updates
			continue
		}
		byID := make(map[string]*model.Update, len(ups)+len(cp.Updates))
		for k := range ups {
			byID[ups[k].ID] = &ups[k]
		}
		for k := range cp.Updates {
			byID[cp.Updates[k].ID] = &cp.Updates[k]
		}
		next := make([]model.Update, 0, len(cp.Order))
		for _, id := range cp.Order {
			u := byID[id]
			if u == nil {
				return model.Snapshot{}, nil, false
			}
			next = append(next, *u)
		}
		ups = next
	}
	return meta, ups, true
}

// Story returns the story as it stood after the first n steps: restored
// from the latest checkpoint before it, with the fetches after that
// checkpoint parsed and merged.
func (rec *Recording) Story(n int) (*model.Story, error) {
	n = max(0, min(n, len(rec.Steps)))
	after, meta, updates, err := rec.Checkpoint(n)
	if err != nil {
		return nil, err
	}
	st := model.Restore(meta, updates)
	for i := after; i < n; i++ {
		snap, err := rec.Snapshot(i)
		if err != nil {
			// A body that no longer parses changes nothing; keep going.
			continue
		}
		st.Merge(snap)
	}
	return st, nil
}

// Final returns the story at the end of the recording.
func (rec *Recording) Final() (*model.Story, error) { return rec.Story(len(rec.Steps)) }
