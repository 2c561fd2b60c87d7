package record

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
)

// Writer appends fetches to a recording. It keeps its own copy of the
// normalised story and writes a fetch only when that story changed.
//
// Every record is written with one write call and the file is synced
// (fsync) after each one, so a record reported written survives a crash.
// Records come at most once a poll, so the cost is small.
//
// A Writer is safe for concurrent use: a poller may Add while the program
// Closes it on the way out.
type Writer struct {
	// Parse re-reads bodies when appending to an existing recording and
	// when a Fetch comes without a snapshot; DefaultParse when nil.
	Parse ParseFunc

	mu      sync.Mutex
	f       *os.File
	gz      bool
	version int // the format version of the file, which new records keep
	story   *model.Story
	changes int // changed fetches since the last checkpoint
	steps   int // fetches in the recording
	seq     int // the last checkpoint's seq
	deltas  int // delta checkpoints since the last full one
	// prev is what the last checkpoint held of each update, for deltas;
	// nil when the next checkpoint must be full.
	prev map[string]cpKey
	// lastFetch is the fetch recorded last, in the line lastLine, whose
	// bodies the next fetch is compressed against; nil after a checkpoint,
	// so that a reader can start from any checkpoint.
	lastFetch *feed.Fetch
	lastLine  []byte
	last      time.Time
	err       error
}

// Create starts a new recording at path, replacing any file there. A path
// ending in .gz is written gzip-compressed, a member per record.
func Create(path string) (*Writer, error) { return CreateAt(path, time.Now()) }

// CreateAt is Create with the creation time to put in the header, for
// recordings that must come out the same byte for byte.
func CreateAt(path string, created time.Time) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	w := &Writer{f: f, gz: strings.HasSuffix(path, ".gz"), version: Version, story: model.NewStory()}
	line, err := encodeLine(header{Recording: Version, Created: created.UTC().Truncate(time.Second)})
	if err == nil {
		err = w.write(line)
	}
	if err != nil {
		f.Close()
		return nil, fmtErr(path, err)
	}
	return w, nil
}

// Append opens the recording at path to add to it, creating it when it does
// not exist or is empty. It checks the header, restores the story as the
// recording ends, and drops a torn last record so new records start on a
// line of their own.
func Append(path string) (*Writer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(data) == 0) {
		return Create(path)
	}
	if err != nil {
		return nil, err
	}
	rec, err := Read(data)
	if err != nil {
		return nil, fmtErr(path, err)
	}
	if rec.goodEnd == 0 {
		return Create(path) // not even the header was whole
	}
	w := &Writer{gz: rec.gzipped, version: rec.Version}
	rec.Parse = w.Parse
	if w.story, err = rec.Final(); err != nil {
		return nil, fmtErr(path, err)
	}
	w.steps, w.changes = len(rec.Steps), len(rec.Steps)
	if cps := rec.Checkpoints(); len(cps) > 0 {
		w.changes -= cps[len(cps)-1]
	}
	for _, c := range rec.checkpoints {
		w.seq = max(w.seq, c.seq) // the next checkpoint is full: prev is nil
	}
	if n := len(rec.Steps); n > 0 {
		w.last = rec.Steps[n-1].Time
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	w.f = f
	{
		// Cut a torn tail; end a complete last record that lost its newline.
		if err := f.Truncate(rec.goodEnd); err != nil {
			f.Close()
			return nil, fmtErr(path, err)
		}
		if _, err := f.Seek(rec.goodEnd, io.SeekStart); err != nil {
			f.Close()
			return nil, fmtErr(path, err)
		}
		if rec.needNewline && !rec.gzipped {
			if err := w.write([]byte("\n")); err != nil {
				f.Close()
				return nil, fmtErr(path, err)
			}
		}
	}
	return w, nil
}

// Add records a fetch if the story it shows differs from the story so far,
// and a checkpoint every CheckpointEvery changes.
func (w *Writer) Add(f feed.Fetch) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, err := w.add(f)
	return err
}

// Len returns how many fetches the recording holds.
func (w *Writer) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.steps
}

func (w *Writer) add(f feed.Fetch) (bool, error) {
	if w.err != nil {
		return false, w.err
	}
	snap := f.Snapshot
	if snap == nil {
		parse := w.Parse
		if parse == nil {
			parse = DefaultParse
		}
		if parse == nil {
			return false, errors.New("record: a fetch without a snapshot and no parser")
		}
		s, err := parseFetch(parse, &f)
		if err != nil {
			return false, fmt.Errorf("record: %w", err)
		}
		snap = s
	}
	if w.story.Merge(snap).Empty() {
		return false, nil
	}
	t := f.Time
	if t.IsZero() {
		t = time.Now()
	}
	line, err := fetchLine(w.version, t, &f, w.lastFetch, w.lastLine)
	if err != nil {
		return false, fmt.Errorf("record: %w", err)
	}
	if err := w.write(line); err != nil {
		return false, err
	}
	w.lastFetch, w.lastLine = bodiesOf(&f), line
	w.last = t
	w.steps++
	w.changes++
	if w.changes >= CheckpointEvery {
		if err := w.checkpoint(); err != nil {
			return true, err
		}
	}
	return true, nil
}

// cpKey is what a delta checkpoint compares to tell a changed update.
type cpKey struct {
	hash            uint64
	edited, removed bool
	updated         time.Time
}

func keyOf(u *model.Update) cpKey {
	return cpKey{hash: u.Hash, edited: u.Edited, removed: u.Removed, updated: u.Updated}
}

// checkpoint writes the story as it stands: in full every FullEvery
// checkpoints, else only what changed since the last one.
func (w *Writer) checkpoint() error {
	w.seq++
	cp := checkpoint{Seq: w.seq, Meta: w.story.Meta()}
	full := w.prev == nil || w.deltas+1 >= FullEvery
	next := make(map[string]cpKey, w.story.Len())
	if !full {
		cp.Base = w.seq - 1
		cp.Order = make([]string, 0, w.story.Len())
	}
	for _, u := range w.story.Updates() {
		k := keyOf(u)
		next[u.ID] = k
		if full {
			cp.Updates = append(cp.Updates, *u)
			continue
		}
		cp.Order = append(cp.Order, u.ID)
		if old, ok := w.prev[u.ID]; !ok || old != k {
			cp.Updates = append(cp.Updates, *u)
		}
	}
	if cp.Updates == nil {
		cp.Updates = []model.Update{}
	}
	if full {
		w.deltas = 0
	} else {
		w.deltas++
	}
	line, err := encodeLine(wireRecord{T: w.last.UTC(), Checkpoint: &cp})
	if err != nil {
		return err
	}
	if err := w.write(line); err != nil {
		return err
	}
	w.prev = next
	w.changes = 0
	w.lastFetch, w.lastLine = nil, nil
	return nil
}

// bodiesOf copies a fetch's bodies, which the next fetch is compressed
// against, so that a caller reusing its buffers cannot change them.
func bodiesOf(f *feed.Fetch) *feed.Fetch {
	c := &feed.Fetch{Body: bytes.Clone(f.Body), Pages: make([]feed.Page, len(f.Pages))}
	for i, pg := range f.Pages {
		c.Pages[i].Body = bytes.Clone(pg.Body)
	}
	return c
}

// write writes one record and syncs it to disk.
func (w *Writer) write(line []byte) error {
	if w.gz {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(line)
		zw.Close()
		line = buf.Bytes()
	}
	if _, err := w.f.Write(line); err != nil {
		w.err = fmt.Errorf("record: %w", err)
		return w.err
	}
	if err := syncFile(w.f); err != nil {
		w.err = fmt.Errorf("record: %w", err)
		return w.err
	}
	return nil
}

// syncFile is (*os.File).Sync; tests that write thousands of small
// recordings replace it.
var syncFile = (*os.File).Sync

// Close writes a checkpoint of the story if it changed since the last one,
// so the next reader need not re-parse, and closes the file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	var err error
	if w.err == nil && w.changes > 0 {
		err = w.checkpoint()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.f = nil
	if w.err == nil {
		w.err = errors.New("record: the recording is closed")
	}
	return err
}
