package poll

import (
	"context"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long a file must be left alone after a change before it
// is read again: an editor's save or a program's rewrite is several
// events, and the file is read once they are over.
const settle = 100 * time.Millisecond

// watch reports changes to the file at path through the system's file
// notifications, so a changed file is read again at once rather than at
// the next check. It watches the file's folder (and, for a symbolic link,
// the folder of the file it points to), which sees a file replaced by a
// rename as well as one written in place, and one that does not exist
// yet. A burst of events is one change, reported once the file has been
// quiet for settle. Where notifications are unavailable it returns a nil
// channel, and the poller's checks alone find changes. done is closed
// once the watch has ended, after ctx is done.
func watch(ctx context.Context, path string) (changed <-chan struct{}, done <-chan struct{}) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, closed()
	}
	names := map[string]bool{}
	if abs, err := filepath.Abs(path); err == nil {
		names[abs] = true
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			names[real] = true
		}
	}
	watched := 0
	dirs := map[string]bool{}
	for name := range names {
		if dir := filepath.Dir(name); !dirs[dir] {
			dirs[dir] = true
			if w.Add(dir) == nil {
				watched++
			}
		}
	}
	if watched == 0 {
		w.Close()
		return nil, closed()
	}
	out := make(chan struct{}, 1)
	end := make(chan struct{})
	go func() {
		defer close(end)
		defer w.Close()
		var quiet <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if names[filepath.Clean(ev.Name)] {
					quiet = time.After(settle)
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			case <-quiet:
				quiet = nil
				select {
				case out <- struct{}{}:
				default: // a change is already waiting to be read
				}
			}
		}
	}()
	return out, end
}

func closed() <-chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}
