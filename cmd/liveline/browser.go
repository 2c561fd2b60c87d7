package main

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/cli/browser"
	"github.com/google/shlex"
)

// browserGrace is how long an opener is given to fail. One still running
// after it (a browser started for the link) has opened it.
const browserGrace = 2 * time.Second

// setBrowser is the advice a failure to open a link ends with.
const setBrowser = "set BROWSER to the command that opens a link, for example BROWSER=firefox"

// browserOpener returns what opens a link in the browser, as setting (the
// BROWSER environment variable, or a configured command) asks, read as
// other terminal programs read BROWSER: a colon-separated list of commands
// tried in order until one works, each a command line whose %s stands for
// the link, or which is given the link as its last argument when it has
// no %s. With an empty setting, the system's opener (xdg-open and the
// like) is used. Failures say what to set.
func browserOpener(setting string) func(link string) error {
	if strings.TrimSpace(setting) == "" {
		return func(link string) error {
			err := browser.OpenURL(link)
			switch {
			case err == nil:
				return nil
			case errors.Is(err, exec.ErrNotFound):
				return errors.New("no browser found; " + setBrowser)
			}
			return fmt.Errorf("the system's opener failed (%v); %s", shortExecError(err), setBrowser)
		}
	}
	commands := strings.Split(setting, ":")
	return func(link string) error {
		var failures []string
		for _, command := range commands {
			if strings.TrimSpace(command) == "" {
				continue
			}
			err := runBrowser(command, link)
			if err == nil {
				return nil
			}
			failures = append(failures, err.Error())
		}
		return fmt.Errorf("BROWSER did not open it (%s); %s", strings.Join(failures, "; "), setBrowser)
	}
}

// runBrowser runs one BROWSER command for link and reports whether it
// failed within browserGrace.
func runBrowser(command, link string) error {
	args, err := shlex.Split(command)
	if err != nil || len(args) == 0 {
		return fmt.Errorf("%q is not a command line", command)
	}
	safe := shellSafe(link)
	substituted := false
	for i, a := range args {
		if strings.Contains(a, "%s") {
			args[i] = strings.ReplaceAll(a, "%s", safe)
			substituted = true
		}
		args[i] = strings.ReplaceAll(args[i], "%%", "%")
	}
	if !substituted {
		args = append(args, safe)
	}
	cmd := exec.Command(args[0], args[1:]...) // no standard streams: the terminal is the reader's
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %v", args[0], shortExecError(err))
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			return fmt.Errorf("%s: %v", args[0], err)
		}
		return nil
	case <-time.After(browserGrace):
		return nil // still running: a browser, showing the link
	}
}

// shortExecError says why a command could not run without repeating its
// name or the list of commands tried.
func shortExecError(err error) error {
	var ee *exec.Error
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return errors.New("not found")
	case errors.As(err, &ee):
		return ee.Err
	}
	return err
}

// shellSafe percent-encodes the characters of a link that a shell would
// act on, so a BROWSER command that hands %s to a shell cannot be made to
// run anything by a link from a feed. The link means the same.
func shellSafe(link string) string {
	var b strings.Builder
	for i := 0; i < len(link); i++ {
		c := link[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte("'\"`$;&|<>()\\", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
