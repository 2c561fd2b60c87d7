package poll

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/liveline-tui/liveline/feed/clock"
)

// benchCheck measures one check of the strike feed over loopback: with
// changed set, every response is a new body that must be parsed; without,
// every response after the first is a 304.
func benchCheck(b *testing.B, changed bool) {
	rss, err := os.ReadFile(filepath.Join("..", "..", "testdata", "strike.xml"))
	if err != nil {
		b.Skip(err)
	}
	var version atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		etag := `"` + strconv.FormatInt(version.Load(), 10) + `"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss)
		w.Write([]byte("<!-- " + etag + " -->"))
	}))
	defer srv.Close()
	p := New(srv.URL, Options{Clock: clock.NewFake(start)})
	defer p.client.CloseIdleConnections()
	ctx := context.Background()
	p.check(ctx)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if changed {
			version.Add(1)
		}
		if r := p.check(ctx); r.err != nil {
			b.Fatal(r.err)
		}
	}
}

func BenchmarkCheckNotModified(b *testing.B) { benchCheck(b, false) }
func BenchmarkCheckChanged(b *testing.B)     { benchCheck(b, true) }
