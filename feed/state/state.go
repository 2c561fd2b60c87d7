// Package state keeps what liveline knows about a source between runs: the
// story (with the updates that have since left the feed's window), read
// marks, stars, where the person was, and the HTTP validators. Each source has one file under the
// state directory, replaced atomically, so a crash at any moment leaves
// either the old file or the new one.
package state

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// Version is the format version Save writes. Load reads this version and
// older ones, and refuses newer ones.
const Version = 1

// format marks a file as liveline state, so a stray JSON file is not taken
// for one.
const format = "liveline-state"

// Saved is everything kept for one source.
type Saved struct {
	Version int    // format version; Save sets it
	Source  string // the source exactly as given on the command line; Save sets it

	Meta model.Snapshot // the story's title, links, total and coverage; no updates

	Read    []string // IDs of updates the reader has seen
	Starred []string // IDs of starred updates
	// Place is where the person was; states saved before it was kept
	// have none.
	Place Place `json:",omitzero"`

	ETag, LastModified string // HTTP validators of the last reading

	Saved time.Time // when the state was saved; Save fills it in when zero

	// Updates are the story's updates, newest first, as model.Restore
	// takes them. They are written last, so that LoadFirst can stop
	// reading once it has the newest of them.
	Updates []model.Update
}

// Place is where the person was in a story: the selected update (and its
// time, to find its nearest neighbour if it has gone), the order, the
// key-events filter, how far the detail pane was scrolled, whether the
// In numbers panel was shown (nil when never chosen), and the update on the
// timeline's top row.
type Place struct {
	Selected    string    `json:",omitempty"`
	SelectedAt  time.Time `json:",omitzero"`
	OldestFirst bool      `json:",omitempty"`
	KeyOnly     bool      `json:",omitempty"`
	Detail      int       `json:",omitempty"`
	Panel       *bool     `json:",omitempty"`
	Top         string    `json:",omitempty"`
}

// Capture copies a story into a new Saved. The updates are copied shallowly:
// call it on the goroutine that merges into the story, then hand the result
// to Save on any goroutine.
func Capture(source string, st *model.Story) *Saved {
	s := &Saved{Version: Version, Source: source, Meta: st.Meta()}
	s.Updates = make([]model.Update, st.Len())
	for i, u := range st.Updates() {
		s.Updates[i] = *u
	}
	return s
}

// Story rebuilds the saved story.
func (s *Saved) Story() *model.Story {
	return model.Restore(s.Meta, s.Updates)
}

// Dir returns the directory state lives in: $XDG_STATE_HOME/liveline, or
// $HOME/.local/state/liveline when XDG_STATE_HOME is unset. As the XDG base
// directory specification asks, a relative XDG_STATE_HOME is ignored.
func Dir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "liveline"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find a place for saved state: neither XDG_STATE_HOME nor HOME is set (use --no-state to run without it)")
	}
	return filepath.Join(home, ".local", "state", "liveline"), nil
}

// ext ends every state file name.
const ext = ".json.gz"

// FileName returns the name of a source's state file: a readable slug of
// its host and path, and a short hash of the exact source string so that
// sources with the same slug never share a file.
func FileName(source string) string {
	sum := sha256.Sum256([]byte(source))
	return slug(source) + "-" + hex.EncodeToString(sum[:6]) + ext
}

// Path returns the full path of a source's state file in dir.
func Path(dir, source string) string {
	return filepath.Join(dir, FileName(source))
}

// slugMax is the longest slug, in bytes.
const slugMax = 60

// slug makes a short file-name-safe name from a source: the scheme, "www."
// and the query go, and every run of other characters than ASCII letters
// and digits becomes one hyphen.
func slug(source string) string {
	s := strings.ToLower(source)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.TrimPrefix(s, "www.")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	dash := false
	for i := 0; i < len(s) && b.Len() < slugMax; i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(c)
			dash = false
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > slugMax {
		out = out[:slugMax]
	}
	out = strings.TrimRight(out, "-")
	if out == "" {
		return "source"
	}
	return out
}

// UnreadableError says a state file exists but cannot be used. The caller
// starts fresh; the message says so and how to silence it.
type UnreadableError struct {
	Source string
	Path   string
	Err    error
}

func (e *UnreadableError) Error() string {
	return fmt.Sprintf("the saved state for %s is unreadable (%v); starting fresh; remove %s to silence this", e.Source, e.Err, e.Path)
}

func (e *UnreadableError) Unwrap() error { return e.Err }

// envelope is the file's outer object: a format tag ahead of the state.
type envelope struct {
	Format string `json:"format"`
	*Saved
}

// Load reads a source's saved state from dir. A source with no saved state
// gives (nil, nil). A file that cannot be read as liveline state (corrupt,
// truncated, not liveline's, from a newer liveline, or for another source)
// gives an *UnreadableError; other failures, such as permissions, are
// returned wrapped. Load never panics on bad input.
func Load(dir, source string) (*Saved, error) {
	path := Path(dir, source)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading saved state for %s: %w", source, err)
	}
	defer f.Close()
	s, _, err := decodeFirst(f, source, all)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("reading saved state for %s: %w", source, err)
		}
		return nil, &UnreadableError{Source: source, Path: path, Err: err}
	}
	return s, nil
}

// compact returns updates without the plain text that their bodies give
// back (it is about a third of a file); expand restores it. The caller's
// updates are not changed.
func compact(us []model.Update) []model.Update {
	out := make([]model.Update, len(us))
	for i, u := range us {
		if u.Text != "" && u.Text == u.Body.PlainText() {
			u.Text = ""
		}
		if p := u.Previous; p != nil && p.Text != "" && p.Text == p.Body.PlainText() {
			cp := *p
			cp.Text = ""
			u.Previous = &cp
		}
		out[i] = u
	}
	return out
}

// expand fills in the plain text that compact left out.
func expand(us []model.Update) {
	for i := range us {
		u := &us[i]
		if u.Text == "" {
			u.Text = u.Body.PlainText()
		}
		if p := u.Previous; p != nil && p.Text == "" {
			p.Text = p.Body.PlainText()
		}
	}
}

// locks serialises saves to one file within the process.
var locks sync.Map // path -> *sync.Mutex

func lockFor(path string) *sync.Mutex {
	m, _ := locks.LoadOrStore(path, new(sync.Mutex))
	return m.(*sync.Mutex)
}

// Save writes a source's state to dir, creating dir (mode 0700) if needed.
// The file (mode 0600) is written to a temporary name in dir, synced, and
// renamed over the old one, and the directory is synced, so a crash leaves
// the old state or the new, never a mix. Saves of different sources run
// concurrently; saves of one source are serialised. s is not modified.
func Save(dir, source string, s *Saved) error {
	path := Path(dir, source)
	mu := lockFor(path)
	mu.Lock()
	defer mu.Unlock()
	return save(dir, path, source, s)
}

func save(dir, path, source string, s *Saved) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	c := *s
	c.Version, c.Source = Version, source
	if c.Saved.IsZero() {
		c.Saved = time.Now()
	}
	c.Meta.Updates = nil
	c.Updates = compact(s.Updates)

	base := filepath.Base(path)
	tmp, err := os.CreateTemp(dir, base+".tmp-*")
	if err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	if err := encode(tmp, &c); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	done = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("saving state for %s: %w", source, err)
	}
	removeStale(dir, base)
	return nil
}

// encode writes s as gzip-compressed JSON.
func encode(w io.Writer, s *Saved) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	zw, err := gzip.NewWriterLevel(bw, gzip.BestSpeed)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(zw).Encode(envelope{Format: format, Saved: s}); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// staleAge is how old a temporary file left by a killed save must be before
// a later save removes it; younger ones may belong to another running liveline.
const staleAge = 10 * time.Minute

// removeStale removes temporary files that crashed saves of base left behind.
func removeStale(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(base)+".tmp-*"))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > staleAge {
			os.Remove(m)
		}
	}
}

// globEscape escapes glob metacharacters; slugs have none, but be safe.
func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	return r.Replace(s)
}
