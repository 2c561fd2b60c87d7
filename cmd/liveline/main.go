// Command liveline follows live blogs in the terminal: a reader with a
// timeline, the selected update and the story's key figures, a dump command
// for scripts, and offline replay of recorded stories.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/liveline-tui/liveline/cmd/liveline/internal/config"
	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/poll"
	"github.com/liveline-tui/liveline/feed/sanitize"
)

// environment is what a run of liveline reads and writes outside its
// arguments, so tests can supply their own.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	location       *time.Location
	getenv         func(string) string
	// group keeps the pollers of the stories read together polite: one
	// request at a time per host, first checks spread out.
	group *poll.Group
}

// exitCode ends liveline with a code but no message.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	feed.Version = currentVersion().Product()
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, location: time.Local, getenv: os.Getenv, group: poll.NewGroup()}
	code := run(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

// run runs liveline with args and returns its exit code.
func run(ctx context.Context, args []string, env *environment) int {
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	root := newCommand(args, env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	var code exitCode
	var usage usageError
	var refused *config.Error
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	case errors.As(err, &refused):
		for _, line := range strings.Split(refused.Error(), "\n") {
			fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(line))
		}
		fmt.Fprintln(env.stderr, "liveline: nothing was started; fix the config file, or name another with --config")
		return 2
	case errors.As(err, &usage):
		about := usage.command
		if about == "" {
			about = "liveline"
		}
		fmt.Fprintf(env.stderr, "%s: %s\nRun \"%s --help\" for usage.\n", about, sanitizeMessage(usage.msg), cmd.CommandPath())
		return 2
	default:
		fmt.Fprintf(env.stderr, "liveline: %s\n", sanitizeMessage(failureText(err)))
		return 1
	}
}

// failureText says why reading failed, with what to do when the error
// alone does not say it.
func failureText(err error) string {
	msg := err.Error()
	if errors.Is(err, parse.ErrNotFeed) {
		msg += "; give the address of a feed (RSS, Atom or JSON Feed) or of a live-blog page"
	}
	return msg
}

// sanitizeMessage keeps text that may quote a source (an error from a
// server, a file name) from reaching the terminal with control sequences.
func sanitizeMessage(s string) string { return sanitize.String(s) }
