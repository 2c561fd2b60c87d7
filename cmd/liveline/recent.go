package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/liveline-tui/liveline/feed/state"
)

const recentHelp = `List the stories read before, most recently read first: when each was last
read, how many of its updates are unread, its title and its source (give
that to liveline to open it again). They are the stories with saved state.`

// recentTitleWidth is the widest title the list shows, in columns.
const recentTitleWidth = 40

// recentCommand is "liveline recent".
func recentCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:               "recent [flags]",
		Short:             "list the stories read before, most recent first",
		Long:              recentHelp,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, pos []string) error {
			return runRecent(pos, env)
		},
	}
}

func runRecent(pos []string, env *environment) error {
	if len(pos) > 0 {
		return usagef("recent takes no argument, got %d", len(pos))
	}
	list, err := env.recentStories()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(env.stderr, "liveline: no story read yet; a story is listed here once you have opened it")
		return nil
	}
	fmt.Fprintf(env.stdout, "%-16s  %6s  %s  %s\n", "LAST READ", "UNREAD", pad("TITLE", recentTitleWidth), "SOURCE")
	for _, r := range list {
		title := sanitizeMessage(strings.Join(strings.Fields(r.Title), " "))
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(env.stdout, "%-16s  %6s  %s  %s\n", r.LastRead.In(env.location).Format("2006-01-02 15:04"),
			strconv.Itoa(r.Unread), pad(ansi.Truncate(title, recentTitleWidth, "…"), recentTitleWidth), sanitizeMessage(r.Source))
	}
	return nil
}

// pad fills s with spaces to width columns.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}

// recentStories lists the stories read before, most recently read first:
// the sources with saved state. It reads the state folder, so run it
// off the update loop (in a tea.Cmd).
func (env *environment) recentStories() ([]state.Recent, error) {
	dir, err := state.Dir(env.getenv)
	if err != nil {
		return nil, err
	}
	list, err := state.ListRecent(dir)
	if err != nil {
		return nil, fmt.Errorf("listing the saved stories in %s: %w", dir, err)
	}
	return list, nil
}
