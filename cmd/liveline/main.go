// Command liveline follows live blogs in the terminal: a reader with a
// timeline, the selected update and the story's key figures, a dump command
// for scripts, and offline replay of recorded stories.
package main

import (
	"context"
	"errors"
	"flag"
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

const mainHelp = `liveline follows live blogs in the terminal.

Usage:
  liveline [flags] [SOURCE...]      read SOURCE live; with none, the config
                                    file's stories, or else the bundled demo
  liveline demo                     the bundled demo story
  liveline dump [flags] SOURCE...   print the stories and exit (--follow keeps printing)
  liveline replay [flags] FILE      replay a recording or saved feed as it unfolded
  liveline recent                   list the stories read before, most recent first
  liveline --version

SOURCE is an http(s) URL of a feed (RSS, Atom, JSON Feed) or of a live-blog
page, a saved feed or page file, a recording, or - for standard input.
The config file ($XDG_CONFIG_HOME/liveline/config.toml) lists stories and
sets the interval, notifications, mouse, colours and keys; flags win.
Run "liveline dump --help" or "liveline replay --help" for their flags.

Flags:
`

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
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, location: time.Local, getenv: os.Getenv, group: poll.NewGroup()}
	code := run(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

// run runs liveline with args and returns its exit code.
func run(ctx context.Context, args []string, env *environment) int {
	err := dispatch(ctx, args, env)
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
		fmt.Fprintf(env.stderr, "liveline: %s\nRun \"liveline --help\" for usage.\n", sanitizeMessage(usage.msg))
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

func dispatch(ctx context.Context, args []string, env *environment) error {
	if len(args) > 0 {
		switch args[0] {
		case "dump":
			return runDump(ctx, args[1:], env)
		case "replay":
			return runReplay(ctx, args[1:], env)
		case "recent":
			return runRecent(args[1:], env)
		}
	}
	return runReader(ctx, args, env)
}

// sanitizeMessage keeps text that may quote a source (an error from a
// server, a file name) from reaching the terminal with control sequences.
func sanitizeMessage(s string) string { return sanitize.String(s) }

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "liveline %s\n", feed.Version)
}

// explicitlySet reports whether the named flag was given on the command line.
func explicitlySet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
