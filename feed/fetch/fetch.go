// Package fetch reads live-blog sources over HTTP politely: conditional GETs,
// gzip decoded here so the size cap applies to what is really read, separate
// timeouts for connecting, the TLS handshake, the response headers and the
// whole body, a bounded number of redirects, and errors that say what failed
// and what to do about it.
package fetch

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/sanitize"
)

// Defaults used when a Client field is zero.
const (
	DefaultMaxSize       = 20 << 20
	DefaultDialTimeout   = 10 * time.Second
	DefaultTLSTimeout    = 10 * time.Second
	DefaultHeaderTimeout = 20 * time.Second
	DefaultBodyTimeout   = 60 * time.Second
	// MaxRedirects is how many redirects one Get follows.
	MaxRedirects = 5
)

// DefaultUserAgent names liveline, its version and where to read about it.
func DefaultUserAgent() string {
	return "liveline/" + feed.Version + " (+https://github.com/liveline-tui/liveline)"
}

// Accept is the Accept header sent with every request: feeds first, then the
// web pages that carry live-blog data or link to a feed.
const Accept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, " +
	"text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5"

// Validators are what a server gave to make the next request conditional.
type Validators struct {
	ETag         string
	LastModified string
}

// Empty reports whether there is nothing to send.
func (v Validators) Empty() bool { return v.ETag == "" && v.LastModified == "" }

// Response is a successful reading, or a 304 that says nothing changed.
type Response struct {
	URL         string // the address finally read, after redirects
	Status      int
	Body        []byte // decoded (gzip removed); nil when NotModified
	ContentType string
	// Validators are those of the response, or the ones sent when a 304
	// repeats none.
	Validators  Validators
	NotModified bool
	// MaxAge is the Cache-Control max-age, 0 when absent or when the
	// response must not be cached.
	MaxAge time.Duration
	// RetryAfter is the server's Retry-After, 0 when absent.
	RetryAfter time.Duration
}

// ErrTooLarge is matched (errors.Is) by the error Get returns when a body
// exceeds the size cap after decompression.
var ErrTooLarge = errors.New("response too large")

// SizeError is a body that exceeded the cap.
type SizeError struct {
	URL   string
	Limit int64
}

// Brief says what failed in a few words.
func (e *SizeError) Brief() string { return "larger than " + FormatSize(e.Limit) }

func (e *SizeError) Error() string {
	return fmt.Sprintf("fetching %s: the response is larger than %s; raise --max-size", e.URL, FormatSize(e.Limit))
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// StatusError is a response with a status liveline cannot use.
type StatusError struct {
	URL    string
	Code   int
	Status string // such as "503 Service Unavailable"
	// RetryAfter is the server's Retry-After, 0 when absent.
	RetryAfter time.Duration
}

// Temporary reports whether trying again later may help: 408, 425, 429
// and 5xx.
func (e *StatusError) Temporary() bool {
	return e.Code == http.StatusTooManyRequests || e.Code == http.StatusRequestTimeout ||
		e.Code == http.StatusTooEarly || e.Code >= 500
}

// Plain says what failed without advice, for callers that add their own.
func (e *StatusError) Plain() string {
	return fmt.Sprintf("fetching %s: HTTP %s", e.URL, e.Status)
}

// shortPhrase is the longest reason phrase Brief keeps after the code.
const shortPhrase = 17

// Brief names the status in a few words: the code, and the standard reason
// phrase when it is short ("HTTP 404 Not Found", "HTTP 503").
func (e *StatusError) Brief() string {
	s := "HTTP " + strconv.Itoa(e.Code)
	if phrase := http.StatusText(e.Code); phrase != "" && len(phrase) <= shortPhrase {
		s += " " + phrase
	}
	return s
}

func (e *StatusError) Error() string {
	msg := e.Plain()
	switch {
	case e.Code == http.StatusTooManyRequests && e.RetryAfter > 0:
		return msg + "; the server asks to wait " + FormatDuration(e.RetryAfter) + " before trying again"
	case e.Code == http.StatusTooManyRequests:
		return msg + "; the server asks liveline to slow down: try again later or with a longer --interval"
	case e.Temporary() && e.RetryAfter > 0:
		return msg + "; try again in " + FormatDuration(e.RetryAfter)
	case e.Temporary():
		return msg + "; the server is failing, try again later"
	case e.Code == http.StatusNotFound || e.Code == http.StatusGone:
		return msg + "; check the address"
	case e.Code == http.StatusUnauthorized || e.Code == http.StatusForbidden:
		return msg + "; the server refuses access: check the address, or open it in a browser"
	}
	return msg + "; check the address"
}

// Client fetches sources. Its zero value is ready to use with the defaults;
// set fields before the first Get and do not change them afterwards. A
// Client is safe for concurrent use.
type Client struct {
	UserAgent string // DefaultUserAgent() when empty
	MaxSize   int64  // body cap after decompression; DefaultMaxSize when 0

	// Timeouts; the defaults when zero.
	DialTimeout   time.Duration // connecting (per address tried)
	TLSTimeout    time.Duration // the TLS handshake
	HeaderTimeout time.Duration // from sending the request to the response headers
	BodyTimeout   time.Duration // from the response headers to the end of the body

	once sync.Once
	http *http.Client
}

var errTooManyRedirects = errors.New("too many redirects")
var errBadRedirect = errors.New("redirect to a non-http address")
var errBodyTimeout = errors.New("body timeout")

func (c *Client) init() {
	c.once.Do(func() {
		dialer := &net.Dialer{Timeout: or(c.DialTimeout, DefaultDialTimeout), KeepAlive: 30 * time.Second}
		tr := &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   or(c.TLSTimeout, DefaultTLSTimeout),
			ResponseHeaderTimeout: or(c.HeaderTimeout, DefaultHeaderTimeout),
			DisableCompression:    true, // gzip is decoded here, under the size cap
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          4,
			IdleConnTimeout:       90 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
		c.http = &http.Client{
			Transport: tr,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > MaxRedirects {
					return errTooManyRedirects
				}
				if !link.WebScheme(req.URL.Scheme) {
					return errBadRedirect
				}
				return nil
			},
		}
	})
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (c *Client) maxSize() int64 {
	if c.MaxSize > 0 {
		return c.MaxSize
	}
	return DefaultMaxSize
}

// CloseIdleConnections closes kept-alive connections, and with them the
// goroutines that serve them.
func (c *Client) CloseIdleConnections() {
	c.init()
	c.http.CloseIdleConnections()
}

// CheckURL returns an error unless raw is an absolute http or https address
// with a host (feed/link's rule), saying what is wrong with it.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetching %q: not a valid address (%v); give a full URL such as https://example.com/live", raw, unwrapURLError(err))
	}
	if !link.WebScheme(u.Scheme) {
		return nil, fmt.Errorf("fetching %q: only http and https addresses can be fetched; give a URL starting with https://", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("fetching %q: the address has no host; give a full URL such as https://example.com/live", raw)
	}
	return u, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Get reads rawURL, conditionally when v is not empty. A 304 gives a
// Response with NotModified set and no body. Statuses other than 2xx and
// 304 give a *StatusError; a body over the cap an error matching
// ErrTooLarge.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	c.init()
	u, err := CheckURL(rawURL)
	if err != nil {
		return nil, feed.Permanent("not a web address", err)
	}
	rawURL = u.String()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, feed.Permanent("not a web address", fmt.Errorf("fetching %s: %v; check the address", rawURL, err))
	}
	ua := c.UserAgent
	if ua == "" {
		ua = DefaultUserAgent()
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", Accept)
	req.Header.Set("Accept-Encoding", "gzip")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.describe(rawURL, ctx, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()

	// The body has its own deadline from here on: a server that sends
	// headers quickly and then trickles must still give up in time.
	bodyTimeout := or(c.BodyTimeout, DefaultBodyTimeout)
	timer := time.AfterFunc(bodyTimeout, func() { cancel(errBodyTimeout) })
	defer timer.Stop()

	now := time.Now()
	out := &Response{
		URL:         final,
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Validators: Validators{
			ETag:         resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"),
		},
		MaxAge:     MaxAge(resp.Header.Get("Cache-Control")),
		RetryAfter: RetryAfter(resp.Header.Get("Retry-After"), responseDate(resp.Header, now)),
	}

	switch {
	case resp.StatusCode == http.StatusNotModified:
		if out.Validators.Empty() {
			out.Validators = v
		}
		out.NotModified = true
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		// The reason phrase is the server's own text: keep it off the
		// terminal's controls.
		status := sanitize.Line(resp.Status)
		if status == "" || !strings.HasPrefix(status, strconv.Itoa(resp.StatusCode)) {
			status = strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
		}
		se := &StatusError{URL: final, Code: resp.StatusCode, Status: strings.TrimSpace(status), RetryAfter: out.RetryAfter}
		return nil, &feed.Failure{Err: se, Brief: se.Brief(), Permanent: !se.Temporary()}
	}

	limit := c.maxSize()
	var body io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		if resp.ContentLength > limit {
			return nil, tooLarge(final, limit)
		}
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, c.describeBody(final, ctx, bodyTimeout, err)
		}
		defer zr.Close()
		body = zr
	default:
		return nil, feed.Permanent("unknown encoding", fmt.Errorf("fetching %s: the server sent the body in an encoding liveline cannot read (%q); report this to the site", final, enc))
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, c.describeBody(final, ctx, bodyTimeout, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(final, limit)
	}
	out.Body = data
	return out, nil
}

// tooLarge is a body over the cap: it will not shrink by itself.
func tooLarge(url string, limit int64) error {
	se := &SizeError{URL: url, Limit: limit}
	return feed.Permanent(se.Brief(), se)
}

// describe turns a failed request into a message that says what failed and
// what to do, and whether trying again can help. A request the caller
// cancelled is not a Failure.
func (c *Client) describe(rawURL string, ctx context.Context, err error) error {
	if cause := context.Cause(ctx); cause != nil {
		// The caller gave up: its deadline passed or it was cancelled.
		if errors.Is(cause, context.DeadlineExceeded) {
			return fmt.Errorf("fetching %s: gave up waiting: %w", rawURL, cause)
		}
		return fmt.Errorf("fetching %s: %w", rawURL, cause)
	}
	switch {
	case errors.Is(err, errTooManyRedirects):
		return feed.Transient("too many redirects", fmt.Errorf("fetching %s: stopped after %d redirects; the site may be redirecting in a loop, check the address in a browser", rawURL, MaxRedirects))
	case errors.Is(err, errBadRedirect):
		return feed.Permanent("redirected off the web", fmt.Errorf("fetching %s: the server redirected to an address that is not http or https; check the address in a browser", rawURL))
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return feed.Permanent("unknown host", fmt.Errorf("fetching %s: there is no host %q; check the address", rawURL, dnsErr.Name))
		}
		return feed.Transient("host lookup failed", fmt.Errorf("fetching %s: looking up %q failed (%v); check your network connection", rawURL, dnsErr.Name, dnsErr.Err))
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		addr := ""
		if opErr.Addr != nil {
			addr = " " + opErr.Addr.String()
		}
		if opErr.Timeout() {
			return feed.Transient("connection timed out", fmt.Errorf("fetching %s: connecting to%s timed out after %s; check your network connection or try again later", rawURL, addr, FormatDuration(or(c.DialTimeout, DefaultDialTimeout))))
		}
		if isRefused(opErr) {
			return feed.Transient("connection refused", fmt.Errorf("fetching %s: connection to%s refused; the server is down or the address is wrong, check it and try again", rawURL, addr))
		}
		return feed.Transient("cannot connect", fmt.Errorf("fetching %s: cannot connect to%s (%v); check your network connection", rawURL, addr, opErr.Err))
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) {
		return feed.Permanent("certificate not valid", fmt.Errorf("fetching %s: the server's TLS certificate is not valid (%v); check the address, and do not trust this site", rawURL, unwrapURLError(err)))
	}
	msg := unwrapURLError(err).Error()
	if strings.Contains(msg, "TLS handshake timeout") {
		return feed.Transient("TLS handshake timed out", fmt.Errorf("fetching %s: the TLS handshake timed out after %s; try again later", rawURL, FormatDuration(or(c.TLSTimeout, DefaultTLSTimeout))))
	}
	if strings.Contains(msg, "timeout awaiting response headers") {
		return feed.Transient("no answer", fmt.Errorf("fetching %s: the server did not answer within %s; try again later", rawURL, FormatDuration(or(c.HeaderTimeout, DefaultHeaderTimeout))))
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return feed.Transient("timed out", fmt.Errorf("fetching %s: timed out (%v); try again later", rawURL, unwrapURLError(err)))
	}
	return feed.Transient("network error", fmt.Errorf("fetching %s: %v; check the address and your network connection", rawURL, unwrapURLError(err)))
}

func (c *Client) describeBody(rawURL string, ctx context.Context, timeout time.Duration, err error) error {
	if context.Cause(ctx) == errBodyTimeout {
		return feed.Transient("too slow", fmt.Errorf("fetching %s: the body took longer than %s to arrive; the server is too slow, try again later", rawURL, FormatDuration(timeout)))
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("fetching %s: %w", rawURL, context.Canceled)
	}
	if errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, io.ErrUnexpectedEOF) {
		return feed.Transient("body cut short", fmt.Errorf("fetching %s: the body arrived damaged or cut short (%v); try again later", rawURL, err))
	}
	return feed.Transient("body failed", fmt.Errorf("fetching %s: reading the body failed (%v); try again later", rawURL, unwrapURLError(err)))
}

func isRefused(err *net.OpError) bool {
	return strings.Contains(err.Err.Error(), "connection refused") || strings.Contains(err.Err.Error(), "actively refused")
}

func responseDate(h http.Header, now time.Time) time.Time {
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		return d
	}
	return now
}

// RetryAfter parses a Retry-After value, either seconds or an HTTP date
// (taken relative to now, best the response's own Date). It returns 0 when
// the value is absent, unreadable or in the past.
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 1<<31 {
			n = 1 << 31
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}

// MaxAge reads max-age from a Cache-Control value; 0 when absent or when
// no-store or no-cache forbid keeping the response.
func MaxAge(cc string) time.Duration {
	var age time.Duration
	for _, dir := range strings.Split(cc, ",") {
		name, val, _ := strings.Cut(strings.TrimSpace(dir), "=")
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "no-store", "no-cache":
			return 0
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			if err == nil && n > 0 {
				if n > 1<<31 {
					n = 1 << 31
				}
				age = time.Duration(n) * time.Second
			}
		}
	}
	return age
}

// FormatSize writes a byte count for people: "20 MiB", "512 KiB", "100 bytes".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// FormatDuration writes a wait for people: "40s", "2m30s", "250ms".
func FormatDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(time.Second).String()
	case d >= time.Millisecond:
		return d.Round(time.Millisecond).String()
	}
	return d.String()
}
