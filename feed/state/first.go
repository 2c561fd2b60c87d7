package state

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/liveline-tui/liveline/feed/sniff"
	"github.com/liveline-tui/liveline/model"
)

// Rest reads the updates a LoadFirst left in the file, in order, and
// closes it. Call it once, on any goroutine.
type Rest func() ([]model.Update, error)

// placeMargin is how many updates past the one the person had selected
// LoadFirst reads, so the screen around it is full.
const placeMargin = 100

// all, as LoadFirst's first, reads every update at once.
const all = -1

// LoadFirst reads a source's saved state as far as the reader needs to
// show the story where the person left it: everything but the updates,
// then the newest updates, at least first of them and on to placeMargin
// past the one that was selected. A reopened story then shows at once,
// however long it is. The updates left come from rest, which is nil when
// the whole file was read (a short story, or a file written before the
// updates came last). Errors are those of Load.
func LoadFirst(dir, source string, first int) (s *Saved, rest Rest, err error) {
	path := Path(dir, source)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading saved state for %s: %w", source, err)
	}
	s, rest, err = decodeFirst(f, source, first)
	if rest == nil {
		f.Close()
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, nil, fmt.Errorf("reading saved state for %s: %w", source, err)
		}
		return nil, nil, &UnreadableError{Source: source, Path: path, Err: err}
	}
	if rest != nil {
		more := rest
		rest = func() ([]model.Update, error) {
			defer f.Close()
			us, err := more()
			if err != nil {
				return nil, &UnreadableError{Source: source, Path: path, Err: err}
			}
			return us, nil
		}
	}
	return s, rest, nil
}

// firstReader reads a state file field by field, so it can stop inside
// the updates.
type firstReader struct {
	dec *json.Decoder
	s   *Saved
	fmt string
}

// decodeFirst reads the state in r down to the updates a reader needs
// first (see LoadFirst), or all of it when first is all. It checks the
// state is source's, unless source is "".
func decodeFirst(r io.Reader, source string, first int) (*Saved, Rest, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	var in io.Reader = br
	fr := &firstReader{s: new(Saved)}
	if sniff.Gzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, readError(err)
		}
		in = zr
	}
	fr.dec = json.NewDecoder(in)
	if err := fr.delim('{'); err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for fr.dec.More() {
		tok, err := fr.dec.Token()
		if err != nil {
			return nil, nil, readError(err)
		}
		key, _ := tok.(string)
		seen[key] = true
		if key != "Updates" {
			if err := fr.field(key); err != nil {
				return nil, nil, err
			}
			continue
		}
		if err := fr.check(source); err != nil {
			return nil, nil, err
		}
		// Written last, the updates can be read in two goes; in an older
		// file other fields follow them and everything is read now.
		last := first != all && (seen["Read"] || seen["Saved"])
		done, err := fr.updates(first, last)
		if err != nil {
			return nil, nil, err
		}
		if !done {
			expand(fr.s.Updates)
			return fr.s, fr.rest, nil
		}
	}
	if err := fr.end(); err != nil {
		return nil, nil, err
	}
	if err := fr.check(source); err != nil {
		return nil, nil, err
	}
	expand(fr.s.Updates)
	return fr.s, nil, nil
}

// delim reads the delimiter want.
func (fr *firstReader) delim(want json.Delim) error {
	tok, err := fr.dec.Token()
	if err != nil {
		return readError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return errors.New("not valid state: not a JSON object of state")
	}
	return nil
}

// field reads the value of one field other than the updates.
func (fr *firstReader) field(key string) error {
	s := fr.s
	var into any
	switch key {
	case "format":
		into = &fr.fmt
	case "Version":
		into = &s.Version
	case "Source":
		into = &s.Source
	case "Meta":
		into = &s.Meta
	case "Read":
		into = &s.Read
	case "Starred":
		into = &s.Starred
	case "Place":
		into = &s.Place
	case "ETag":
		into = &s.ETag
	case "LastModified":
		into = &s.LastModified
	case "Saved":
		into = &s.Saved
	default:
		into = new(json.RawMessage) // a field this liveline does not know
	}
	if err := fr.dec.Decode(into); err != nil {
		return readError(err)
	}
	return nil
}

// check says whether what has been read so far is liveline's state of
// source, as Load would.
func (fr *firstReader) check(source string) error {
	s := fr.s
	switch {
	case fr.fmt != format:
		return errors.New("not a liveline state file")
	case s.Version > Version:
		return fmt.Errorf("written by a newer liveline, state version %d; this one reads up to %d", s.Version, Version)
	case s.Version < 1:
		return fmt.Errorf("unknown state version %d", s.Version)
	case source != "" && s.Source != source:
		return fmt.Errorf("it belongs to another source, %q", s.Source)
	}
	return nil
}

// updates reads the updates: with mayStop, only as far as the reader
// needs first. done reports that the array was read to its end.
func (fr *firstReader) updates(first int, mayStop bool) (done bool, err error) {
	if err := fr.delim('['); err != nil {
		return false, err
	}
	want, found := first, fr.s.Place.Selected == ""
	for fr.dec.More() {
		if mayStop && found && len(fr.s.Updates) >= want {
			return false, nil
		}
		var u model.Update
		if err := fr.dec.Decode(&u); err != nil {
			return false, readError(err)
		}
		fr.s.Updates = append(fr.s.Updates, u)
		if !found && u.ID == fr.s.Place.Selected {
			found, want = true, max(want, len(fr.s.Updates)+placeMargin)
		}
	}
	return true, fr.delim(']')
}

// rest reads the updates left and the end of the file.
func (fr *firstReader) rest() ([]model.Update, error) {
	var us []model.Update
	for fr.dec.More() {
		var u model.Update
		if err := fr.dec.Decode(&u); err != nil {
			return nil, readError(err)
		}
		us = append(us, u)
	}
	if err := fr.delim(']'); err != nil {
		return nil, err
	}
	for fr.dec.More() {
		tok, err := fr.dec.Token()
		if err != nil {
			return nil, readError(err)
		}
		key, _ := tok.(string)
		if err := fr.field(key); err != nil {
			return nil, err
		}
	}
	if err := fr.end(); err != nil {
		return nil, err
	}
	expand(us)
	return us, nil
}

// end reads the closing brace and makes sure nothing follows it, which
// also has gzip check the file's checksum.
func (fr *firstReader) end() error {
	if err := fr.delim('}'); err != nil {
		return err
	}
	switch _, err := fr.dec.Token(); {
	case err == io.EOF:
		return nil
	case err == nil:
		return errors.New("unexpected data after the state")
	default:
		return readError(err)
	}
}

// readError says in words what went wrong reading a state file.
func readError(err error) error {
	var pe *os.PathError
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("the file is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the file is cut short")
	case errors.Is(err, gzip.ErrChecksum):
		return errors.New("the file is damaged: checksum mismatch")
	case errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("the file is damaged: %w", err)
	case errors.As(err, &pe):
		return err
	}
	return fmt.Errorf("not valid state: %w", err)
}
