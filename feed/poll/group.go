package poll

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// StaggerStep is the gap a Group leaves between the first checks of the
// pollers it starts together.
const StaggerStep = 500 * time.Millisecond

// Group is shared by the pollers of one process so that together they stay
// as polite as one: no two of them send a request to the same host at
// once, and the first checks of pollers started together are spread out,
// StaggerStep apart, instead of all leaving at the same instant. Each
// poller still keeps its own schedule, backoff and validators. A nil
// *Group leaves pollers on their own. Hosts are told by name alone, so two
// ports of one machine count as one host.
type Group struct {
	mu        sync.Mutex
	hosts     map[string]chan struct{} // one token per host, taken while a request is out
	nextStart time.Time                // the earliest first check not yet handed out
}

// NewGroup returns an empty group.
func NewGroup() *Group {
	return &Group{hosts: make(map[string]chan struct{})}
}

// startDelay hands a poller starting at now the wait before its first
// check: none for the first, StaggerStep more for each one after it, and
// none again once the last first check handed out is past.
func (g *Group) startDelay(now time.Time) time.Duration {
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.nextStart.Before(now) {
		g.nextStart = now
	}
	d := g.nextStart.Sub(now)
	g.nextStart = g.nextStart.Add(StaggerStep)
	return d
}

// acquire waits until no other poller of the group has a request out to
// address's host, and returns the function that lets the next one go. It
// fails only when ctx ends first.
func (g *Group) acquire(ctx context.Context, address string) (release func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	token := g.token(hostOf(address))
	select {
	case token <- struct{}{}:
		return func() { <-token }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *Group) token(host string) chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	t, ok := g.hosts[host]
	if !ok {
		t = make(chan struct{}, 1)
		g.hosts[host] = t
	}
	return t
}

// hostOf is the host an address is sent to, in lower case and without its
// port; an address that does not parse is its own host.
func hostOf(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Hostname() == "" {
		return address
	}
	return strings.ToLower(u.Hostname())
}
