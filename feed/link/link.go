// Package link resolves the links a source gives, under the one rule for
// which addresses liveline keeps: http and https addresses with a host.
// Links to anything else (local files, scripts, mail) are dropped, so
// nothing in a story leads outside the web and nothing read leads to a
// local file.
package link

import (
	"net/url"
	"strings"

	"github.com/liveline-tui/liveline/feed/sanitize"
)

// MaxLen is the longest link kept, in bytes.
const MaxLen = 8192

// Allowed reports whether u is an address liveline keeps and reads: an
// http or https address with a host.
func Allowed(u *url.URL) bool { return WebScheme(u.Scheme) && u.Host != "" }

// WebScheme reports whether scheme (lower case, as net/url gives it) is
// http or https, the only schemes liveline reads or keeps links to.
func WebScheme(scheme string) bool { return scheme == "http" || scheme == "https" }

// IsWeb reports whether s is written as an http or https address, in any
// case; it does not check the rest of it.
func IsWeb(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// Resolve makes ref absolute against base (which may be nil) and returns
// it when it is Allowed, or "" otherwise. ref is trimmed and sanitised
// first; an address that is absolute already comes back as written,
// fragment included, and a relative one as resolved.
func Resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > MaxLen {
		return ""
	}
	ref = sanitize.Line(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if u.IsAbs() {
		if Allowed(u) {
			return ref
		}
		return ""
	}
	if base == nil {
		return ""
	}
	u = base.ResolveReference(u)
	if !Allowed(u) {
		return ""
	}
	return u.String()
}

// Address is Resolve for an address to read rather than show: the
// fragment, which names a place in a page and is never sent, is dropped.
func Address(base *url.URL, ref string) string {
	s := Resolve(base, ref)
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Base returns the address relative links in a body read from addr
// resolve against: addr itself when it is an http or https address, nil
// for a file or standard input, whose relative links lead nowhere useful.
func Base(addr string) *url.URL {
	if !IsWeb(addr) {
		return nil
	}
	u, err := url.Parse(addr)
	if err != nil {
		return nil
	}
	return u
}
