// Package record keeps a followed story as a recording, so it can be read
// later, replayed as it unfolded, or shared.
//
// A recording is a JSON Lines file (optionally gzip-compressed): a header,
// then one record per fetch whose normalised story changed, holding the raw
// body as received (zstd-compressed, most often against the body before
// it), and every CheckpointEvery changes a checkpoint of the
// normalised story, so that reaching the end of a long recording re-parses
// only the fetches after its last checkpoint. Every line carries a CRC-32C,
// so a torn tail loses only the record being written and a damaged record in
// the middle is reported and skipped. docs/recording.md describes the format.
package record

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/model"
)

// Version is the format version written in the header. Readers accept this
// version and older ones. Version 2 stores bodies zstd-compressed, most
// against the fetch before; version 1 stored them as they came.
const Version = 2

// CheckpointEvery is how many changed fetches separate two checkpoints.
const CheckpointEvery = 50

// ErrNotRecording is returned when a file is not a liveline recording.
var ErrNotRecording = errors.New("not a liveline recording")

// ParseFunc turns a fetched body into a prepared snapshot.
type ParseFunc func(body []byte, contentType string, base *url.URL) (*model.Snapshot, error)

// DefaultParse is the parser recordings use to re-read their bodies when
// Recording.Parse and Writer.Parse are nil: feed/parse.Parse.
var DefaultParse ParseFunc = parseBody

func parseBody(body []byte, contentType string, base *url.URL) (*model.Snapshot, error) {
	r, err := parse.Parse(body, contentType, base)
	if err != nil {
		return nil, err
	}
	return &r.Snapshot, nil
}

// parseFetch parses a fetched body, and the older pages read after it,
// into one prepared snapshot, as the poller joined them. An older page
// that no longer parses is left out, as the poller leaves out one that
// fails.
func parseFetch(rp ParseFunc, f *feed.Fetch) (*model.Snapshot, error) {
	snap, err := rp(f.Body, f.ContentType, link.Base(f.URL))
	if err != nil {
		return nil, err
	}
	if len(f.Pages) > 0 {
		kept := f.Pages
		read := func(string) (feed.Page, bool) {
			if len(kept) == 0 {
				return feed.Page{}, false
			}
			pg := kept[0]
			kept = kept[1:]
			return pg, true
		}
		parse.Pages{Read: read, Parse: rp.result}.Join(snap, f.URL, "")
	}
	snap.Fetched = f.Time
	return snap, nil
}

// result reads a body as parse.Pages does; a recording keeps its older
// pages in order, so their next links are not needed.
func (rp ParseFunc) result(body []byte, contentType string, base *url.URL) (*parse.Result, error) {
	snap, err := rp(body, contentType, base)
	if err != nil {
		return nil, err
	}
	return &parse.Result{Snapshot: *snap}, nil
}

// header is the first line of every recording.
type header struct {
	Recording int       `json:"liveline_recording"`
	Created   time.Time `json:"created"`
}

// wireRecord is a fetch record or, when Checkpoint is set, a checkpoint.
// The field order matters: "t" first lets the reader spot checkpoints
// without decoding them.
type wireRecord struct {
	T            time.Time   `json:"t"`
	Checkpoint   *checkpoint `json:"checkpoint,omitempty"`
	URL          string      `json:"url,omitempty"`
	Status       int         `json:"status,omitempty"`
	ETag         string      `json:"etag,omitempty"`
	LastModified string      `json:"last_modified,omitempty"`
	ContentType  string      `json:"content_type,omitempty"`
	// Prev, in version 2, is the crc of the fetch record that bodies marked
	// delta are compressed against.
	Prev string `json:"prev,omitempty"`
	wireBody
	// Pages follow the body so that a reader can cut a line before both.
	Pages []wirePage `json:"pages,omitempty"`
}

// wireBody is a body in one of its three forms: text or base64 in version
// 1, a zstd frame in version 2 (against the same body of the fetch named
// by Prev when Delta is set).
type wireBody struct {
	Body       string `json:"body,omitempty"`
	BodyBase64 []byte `json:"body_base64,omitempty"`
	BodyZstd   []byte `json:"body_zstd,omitempty"`
	Delta      bool   `json:"body_delta,omitempty"`
}

// wirePage is an older page read by following next links from a fetch.
type wirePage struct {
	URL         string `json:"url,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	wireBody
}

// encodeBody stores body in the form of the given format version: in
// version 1 as a JSON string when it is valid UTF-8, else as base64 bytes;
// in version 2 as a zstd frame, compressed against dict when dict is not
// empty.
func encodeBody(c *compressor, version int, body, dict []byte) (wireBody, error) {
	if version < 2 {
		if utf8.Valid(body) {
			return wireBody{Body: string(body)}, nil
		}
		return wireBody{BodyBase64: body}, nil
	}
	frame, err := c.compress(body, dict)
	return wireBody{BodyZstd: frame, Delta: len(dict) > 0 && len(frame) > 0}, err
}

// decode undoes encodeBody; dict is the same body of the fetch before,
// for a delta.
func (b *wireBody) decode(dict []byte) ([]byte, error) {
	switch {
	case b.BodyZstd != nil:
		if b.Delta && len(dict) == 0 {
			return nil, errors.New("a body stored as a change has nothing to change")
		}
		if !b.Delta {
			dict = nil
		}
		return decompress(b.BodyZstd, dict)
	case b.BodyBase64 != nil:
		return b.BodyBase64, nil
	}
	return []byte(b.Body), nil
}

// checkpoint is the normalised story after the fetch record before it.
// A full checkpoint holds every update; a delta (Base set) holds the
// display order and only the updates that changed since checkpoint Base.
type checkpoint struct {
	Seq     int            `json:"seq,omitempty"`  // 1, 2, ... in the file
	Base    int            `json:"base,omitempty"` // for a delta: the Seq it builds on
	Meta    model.Snapshot `json:"meta"`
	Order   []string       `json:"order,omitempty"` // for a delta: every update ID, newest first
	Updates []model.Update `json:"updates"`         // newest first, as model.Restore takes them
}

// FullEvery is how often a checkpoint holds the whole story; the ones
// between hold only what changed since the one before.
const FullEvery = 8

// fetchHead is a fetch record without its body, decoded when a recording is opened.
type fetchHead struct {
	T            time.Time       `json:"t"`
	Checkpoint   json.RawMessage `json:"checkpoint"`
	URL          string          `json:"url"`
	Status       int             `json:"status"`
	ETag         string          `json:"etag"`
	LastModified string          `json:"last_modified"`
	ContentType  string          `json:"content_type"`
	Prev         string          `json:"prev"`
	Recording    int             `json:"liveline_recording"`
}

// encodeLine marshals v as one framed line.
func encodeLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return frame(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// fetchLine builds the line for a fetch record in the form of the given
// format version. In version 2 bodies are compressed and, when prev (the
// fetch recorded before, in the line prevLine) is given, against its body,
// and each page against its page in the same place.
func fetchLine(version int, t time.Time, f, prev *feed.Fetch, prevLine []byte) ([]byte, error) {
	c := compressors.Get().(*compressor)
	defer compressors.Put(c)
	r := wireRecord{T: t.UTC(), URL: f.URL, Status: f.Status, ETag: f.ETag,
		LastModified: f.LastModified, ContentType: f.ContentType}
	var err error
	dict := func(i int) []byte { // the body before: the main one for -1, else page i's
		switch {
		case prev == nil || version < 2:
			return nil
		case i < 0:
			return prev.Body
		case i < len(prev.Pages):
			return prev.Pages[i].Body
		}
		return nil
	}
	if r.wireBody, err = encodeBody(c, version, f.Body, dict(-1)); err != nil {
		return nil, err
	}
	delta := r.Delta
	for i, pg := range f.Pages {
		w := wirePage{URL: pg.URL, ContentType: pg.ContentType}
		if w.wireBody, err = encodeBody(c, version, pg.Body, dict(i)); err != nil {
			return nil, err
		}
		delta = delta || w.Delta
		r.Pages = append(r.Pages, w)
	}
	if delta {
		r.Prev = string(lineCRC(prevLine))
	}
	return encodeLine(r)
}

// gunzip decompresses a gzip file member by member. A member that is cut
// short or damaged is skipped up to the next member header; damaged says
// how many were, and goodEnd is where the last whole member ends.
func gunzip(data []byte) (out []byte, damaged int, goodEnd int64) {
	br := bytes.NewReader(data)
	var zr gzip.Reader
	var buf bytes.Buffer
	for off := 0; off < len(data); {
		br.Reset(data[off:])
		buf.Reset()
		err := zr.Reset(br)
		if err == nil {
			zr.Multistream(false)
			_, err = io.Copy(&buf, &zr)
		}
		if err == nil {
			out = append(out, buf.Bytes()...)
			off = len(data) - br.Len()
			goodEnd = int64(off)
			continue
		}
		damaged++
		// Keep whole lines the member gave before it broke; the framing
		// drops the partial one.
		if i := bytes.LastIndexByte(buf.Bytes(), '\n'); i >= 0 {
			out = append(out, buf.Bytes()[:i+1]...)
		}
		next := bytes.Index(data[off+1:], []byte{0x1f, 0x8b, 0x08})
		if next < 0 {
			break
		}
		off += 1 + next
	}
	return out, damaged, goodEnd
}

func fmtErr(path string, err error) error {
	return fmt.Errorf("recording %s: %w", path, err)
}
