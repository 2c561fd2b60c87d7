package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/feed"
)

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title></channel></rss>`

func TestGetSendsPoliteHeadersAndReadsBody(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v2"`)
		w.Header().Set("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT")
		w.Header().Set("Cache-Control", "public, max-age=45")
		io.WriteString(w, rss)
	}))
	defer srv.Close()

	c := &Client{}
	resp, err := c.Get(context.Background(), srv.URL+"/live", Validators{ETag: `"v1"`, LastModified: "Tue, 24 Nov 2026 10:00:00 GMT"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != rss || resp.Status != 200 || resp.NotModified {
		t.Fatalf("response = %+v", resp)
	}
	if resp.ContentType != "application/rss+xml; charset=utf-8" {
		t.Errorf("content type %q", resp.ContentType)
	}
	if resp.Validators != (Validators{ETag: `"v2"`, LastModified: "Wed, 25 Nov 2026 10:00:00 GMT"}) {
		t.Errorf("validators %+v", resp.Validators)
	}
	if resp.MaxAge != 45*time.Second {
		t.Errorf("max age %v", resp.MaxAge)
	}
	if resp.URL != srv.URL+"/live" {
		t.Errorf("url %q", resp.URL)
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "liveline/") || !strings.Contains(ua, "github.com/liveline-tui/liveline") {
		t.Errorf("User-Agent %q", ua)
	}
	if got.Get("If-None-Match") != `"v1"` || got.Get("If-Modified-Since") != "Tue, 24 Nov 2026 10:00:00 GMT" {
		t.Errorf("conditional headers not sent: %v", got)
	}
	if a := got.Get("Accept"); !strings.Contains(a, "application/rss+xml") || !strings.Contains(a, "text/html") || !strings.Contains(a, "application/feed+json") {
		t.Errorf("Accept %q", a)
	}
	if got.Get("Accept-Encoding") != "gzip" {
		t.Errorf("Accept-Encoding %q", got.Get("Accept-Encoding"))
	}

	c2 := &Client{UserAgent: "custom/1"}
	if _, err := c2.Get(context.Background(), srv.URL, Validators{}); err != nil {
		t.Fatal(err)
	}
	if got.Get("User-Agent") != "custom/1" {
		t.Errorf("User-Agent override %q", got.Get("User-Agent"))
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Error("conditional headers sent without validators")
	}
}

func TestNotModifiedHasNoBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, rss)
	}))
	defer srv.Close()
	c := &Client{}
	first, err := c.Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(context.Background(), srv.URL, first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.NotModified || resp.Body != nil || resp.Status != 304 {
		t.Fatalf("want a bare 304, got %+v", resp)
	}
	if resp.Validators.ETag != `"v1"` {
		t.Errorf("304 must keep the validators sent, got %+v", resp.Validators)
	}
}

func gzipped(t testing.TB, data []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGzipIsDecoded(t *testing.T) {
	body := gzipped(t, []byte(rss))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	}))
	defer srv.Close()
	resp, err := (&Client{}).Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != rss {
		t.Fatalf("body %q", resp.Body)
	}
}

func TestGzipBombHitsTheCapAfterDecompression(t *testing.T) {
	// 21 MiB of zeros compress to about 21 KiB: small on the wire, over the
	// default 20 MiB cap once decoded.
	bomb := gzipped(t, make([]byte, 21<<20))
	if len(bomb) > 100<<10 {
		t.Fatalf("bomb is %d bytes on the wire", len(bomb))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	}))
	defer srv.Close()
	_, err := (&Client{}).Get(context.Background(), srv.URL, Validators{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	want := "fetching " + srv.URL + ": the response is larger than 20 MiB; raise --max-size"
	if err.Error() != want {
		t.Errorf("message\n got %q\nwant %q", err, want)
	}

	// A smaller cap applies the same way.
	_, err = (&Client{MaxSize: 1 << 20}).Get(context.Background(), srv.URL, Validators{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Fatalf("err = %v", err)
	}
}

func TestDeclaredLengthOverCapFailsEarly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "5000")
		w.Write(make([]byte, 5000))
	}))
	defer srv.Close()
	_, err := (&Client{MaxSize: 4096}).Get(context.Background(), srv.URL, Validators{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "larger than 4 KiB; raise --max-size") {
		t.Fatalf("err = %v", err)
	}
	// Exactly at the cap is fine.
	resp, err := (&Client{MaxSize: 5000}).Get(context.Background(), srv.URL, Validators{})
	if err != nil || len(resp.Body) != 5000 {
		t.Fatalf("at the cap: %v", err)
	}
}

func TestStatusErrors(t *testing.T) {
	date := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			w.WriteHeader(500)
		case "/404":
			w.WriteHeader(404)
		case "/429":
			w.Header().Set("Retry-After", "40")
			w.WriteHeader(429)
		case "/503":
			w.Header().Set("Date", date.Format(http.TimeFormat))
			w.Header().Set("Retry-After", date.Add(2*time.Minute).Format(http.TimeFormat))
			w.WriteHeader(503)
		}
	}))
	defer srv.Close()
	c := &Client{}
	tests := []struct {
		path       string
		code       int
		retryAfter time.Duration
		temporary  bool
		msg        string
	}{
		{"/500", 500, 0, true, "HTTP 500 Internal Server Error; the server is failing, try again later"},
		{"/404", 404, 0, false, "HTTP 404 Not Found; check the address"},
		{"/429", 429, 40 * time.Second, true, "HTTP 429 Too Many Requests; the server asks to wait 40s before trying again"},
		{"/503", 503, 2 * time.Minute, true, "HTTP 503 Service Unavailable; try again in 2m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := c.Get(context.Background(), srv.URL+tt.path, Validators{})
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, %v; want a *StatusError", resp, err)
			}
			if se.Code != tt.code || se.RetryAfter != tt.retryAfter || se.Temporary() != tt.temporary {
				t.Errorf("got %+v", se)
			}
			if want := "fetching " + srv.URL + tt.path + ": " + tt.msg; err.Error() != want {
				t.Errorf("message\n got %q\nwant %q", err, want)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		switch {
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case r.URL.Path == "/ftp":
			http.Redirect(w, r, "ftp://127.0.0.1/feed", http.StatusFound)
		case r.URL.Path == "/feed":
			io.WriteString(w, rss)
		default:
			fmt.Sscanf(r.URL.Path, "/hop%d", &n)
			if n <= 1 {
				http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
			} else {
				http.Redirect(w, r, fmt.Sprintf("/hop%d", n-1), http.StatusFound)
			}
		}
	}))
	defer srv.Close()
	c := &Client{}

	resp, err := c.Get(context.Background(), srv.URL+"/hop5", Validators{})
	if err != nil {
		t.Fatalf("five redirects must be followed: %v", err)
	}
	if resp.URL != srv.URL+"/feed" {
		t.Errorf("final URL %q", resp.URL)
	}

	_, err = c.Get(context.Background(), srv.URL+"/hop6", Validators{})
	if err == nil || !strings.Contains(err.Error(), "stopped after 5 redirects") {
		t.Fatalf("six redirects: %v", err)
	}
	_, err = c.Get(context.Background(), srv.URL+"/loop", Validators{})
	want := "fetching " + srv.URL + "/loop: stopped after 5 redirects; the site may be redirecting in a loop, check the address in a browser"
	if err == nil || err.Error() != want {
		t.Fatalf("loop\n got %v\nwant %s", err, want)
	}
	_, err = c.Get(context.Background(), srv.URL+"/ftp", Validators{})
	if err == nil || !strings.Contains(err.Error(), "not http or https") {
		t.Fatalf("redirect to ftp: %v", err)
	}
}

func TestOnlyHTTPSchemes(t *testing.T) {
	for _, raw := range []string{"file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "/relative/path", "https://"} {
		_, err := (&Client{}).Get(context.Background(), raw, Validators{})
		if err == nil {
			t.Errorf("%q: no error", raw)
			continue
		}
		if !strings.Contains(err.Error(), "https://") {
			t.Errorf("%q: message does not say what to give: %v", raw, err)
		}
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = (&Client{}).Get(context.Background(), "http://"+addr+"/feed", Validators{})
	if err == nil {
		t.Fatal("no error")
	}
	want := "fetching http://" + addr + "/feed: connection to " + addr + " refused; the server is down or the address is wrong, check it and try again"
	if err.Error() != want {
		t.Errorf("\n got %q\nwant %q", err, want)
	}
}

func TestHeaderTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	start := time.Now()
	_, err := (&Client{HeaderTimeout: 100 * time.Millisecond}).Get(context.Background(), srv.URL, Validators{})
	if err == nil || !strings.Contains(err.Error(), "the server did not answer within 100ms; try again later") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestTricklingBodyHitsBodyTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(200)
		for {
			// A byte every 20ms: never idle long enough for a read
			// timeout, never finished.
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	start := time.Now()
	_, err := (&Client{BodyTimeout: 200 * time.Millisecond}).Get(context.Background(), srv.URL, Validators{})
	if err == nil || !strings.Contains(err.Error(), "the body took longer than 200ms to arrive; the server is too slow, try again later") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestCallerCancelIsReported(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := (&Client{}).Get(ctx, srv.URL, Validators{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"Wednesday, 25-Nov-26 10:01:00 GMT", time.Minute},
	}
	for _, tt := range tests {
		if got := RetryAfter(tt.in, now); got != tt.want {
			t.Errorf("RetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMaxAgeParsing(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"max-age=60", time.Minute},
		{"public, MAX-AGE=30, s-maxage=600", 30 * time.Second},
		{`max-age="15"`, 15 * time.Second},
		{"max-age=60, no-cache", 0},
		{"no-store, max-age=60", 0},
		{"max-age=abc", 0},
	}
	for _, tt := range tests {
		if got := MaxAge(tt.in); got != tt.want {
			t.Errorf("MaxAge(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{20 << 20: "20 MiB", 1536 << 10: "1.5 MiB", 4096: "4 KiB", 100: "100 bytes"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestFailuresSayWhetherTryingAgainHelps: every failure names itself in a
// few words, and says whether it will fix itself.
func TestFailuresSayWhetherTryingAgainHelps(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write(make([]byte, 5000))
		default:
			var code int
			fmt.Sscanf(r.URL.Path, "/%d", &code)
			w.WriteHeader(code)
		}
	}))
	defer srv.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer tlsSrv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/feed"
	ln.Close()
	c := &Client{MaxSize: 4096}
	for _, tc := range []struct {
		url       string
		permanent bool
		brief     string
	}{
		{srv.URL + "/404", true, "HTTP 404 Not Found"},
		{srv.URL + "/410", true, "HTTP 410 Gone"},
		{srv.URL + "/403", true, "HTTP 403 Forbidden"},
		{srv.URL + "/503", false, "HTTP 503"},
		{srv.URL + "/500", false, "HTTP 500"},
		{srv.URL + "/429", false, "HTTP 429 Too Many Requests"},
		{srv.URL + "/big", true, "larger than 4 KiB"},
		{tlsSrv.URL + "/feed", true, "certificate not valid"},
		{refused, false, "connection refused"},
		{"ftp://127.0.0.1/feed", true, "not a web address"},
	} {
		_, err := c.Get(context.Background(), tc.url, Validators{})
		if feed.IsPermanent(err) != tc.permanent || feed.Brief(err) != tc.brief {
			t.Errorf("%s: permanent %v, brief %q; want %v, %q (%v)", tc.url, feed.IsPermanent(err), feed.Brief(err), tc.permanent, tc.brief, err)
		}
	}
	for _, tc := range []struct {
		err       error
		permanent bool
		brief     string
	}{
		{&net.DNSError{Name: "nowhere.invalid", Err: "no such host", IsNotFound: true}, true, "unknown host"},
		{&net.DNSError{Name: "example.com", Err: "server misbehaving", IsTemporary: true}, false, "host lookup failed"},
	} {
		err := c.describe("http://x/", context.Background(), &url.Error{Op: "Get", URL: "http://x/", Err: tc.err})
		if feed.IsPermanent(err) != tc.permanent || feed.Brief(err) != tc.brief {
			t.Errorf("%v: permanent %v, brief %q", tc.err, feed.IsPermanent(err), feed.Brief(err))
		}
	}
}

// TestStatusLineCannotReachTheTerminal: a server's reason phrase is its own
// text, and loses its control sequences.
func TestStatusLineCannotReachTheTerminal(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			io.ReadAll(io.LimitReader(conn, 1)) // wait for the request to start
			io.WriteString(conn, "HTTP/1.1 404 Not \x1b]0;owned\x07Found\x1b[2J\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			conn.Close()
		}
	}()
	_, err = (&Client{}).Get(context.Background(), "http://"+ln.Addr().String()+"/feed", Validators{})
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") || !strings.Contains(err.Error(), "404") {
		t.Fatalf("err = %q", err)
	}
}
