package feed

import "errors"

// Failure is a reading of a source that failed, as every part of feed
// reports one: the whole reason with what to do about it, a few words for
// a header, and whether trying again can help. It is the one place that
// tells a failure that will not fix itself (no such file, not a feed,
// HTTP 404, an unknown host, a bad certificate, a body over the size cap)
// from one that may (a refused connection, a timeout, HTTP 503).
type Failure struct {
	Err error // the whole reason, with advice
	// Brief says what failed in a few words: "HTTP 503", "no such file",
	// "connection refused".
	Brief string
	// Permanent is set when trying again will not help until the source
	// itself changes.
	Permanent bool
}

func (f *Failure) Error() string { return f.Err.Error() }

func (f *Failure) Unwrap() error { return f.Err }

// Permanent marks err as a failure that will not fix itself; brief says
// what failed in a few words.
func Permanent(brief string, err error) error {
	return &Failure{Err: err, Brief: brief, Permanent: true}
}

// Transient marks err as a failure that trying again may fix; brief says
// what failed in a few words.
func Transient(brief string, err error) error {
	return &Failure{Err: err, Brief: brief}
}

// IsPermanent reports whether err is, or wraps, a Failure that will not
// fix itself.
func IsPermanent(err error) bool {
	var f *Failure
	return errors.As(err, &f) && f.Permanent
}

// Brief says in a few words what err is: the Brief of the Failure it is or
// wraps, or else its whole text.
func Brief(err error) string {
	if err == nil {
		return ""
	}
	var f *Failure
	if errors.As(err, &f) && f.Brief != "" {
		return f.Brief
	}
	return err.Error()
}
