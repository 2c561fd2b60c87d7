package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// shells are the shells "liveline completion" writes scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

const completionHelp = `Print a script that completes liveline's commands, flags, the values of flags
that take one of a few (--format, --notify) and SOURCE arguments from the
stories read before (see "liveline recent"), in SHELL: bash, zsh, fish or
powershell.

bash (with the bash-completion package), in ~/.bashrc:
  source <(liveline completion bash)
zsh (with "autoload -U compinit; compinit" in ~/.zshrc), once:
  liveline completion zsh > "${fpath[1]}/_liveline"
fish, once:
  liveline completion fish > ~/.config/fish/completions/liveline.fish
PowerShell, in your profile:
  liveline completion powershell | Out-String | Invoke-Expression`

// completionCommand is "liveline completion SHELL".
func completionCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:       "completion [flags] SHELL",
		Short:     "print a shell completion script (bash, zsh, fish or powershell)",
		Long:      completionHelp,
		ValidArgs: shells,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("completion takes one SHELL (%s), got %d", joinOr(shells), len(args))
			}
			root, out := c.Root(), env.stdout
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return usagef("completion knows %s, not %q", joinOr(shells), args[0])
		},
	}
}

// completeSources offers the sources of the stories read before, most
// recently read first, each described by its title. When none matches,
// the shell completes file names.
func (env *environment) completeSources(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	list, err := env.recentStories()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	var out []cobra.Completion
	for _, r := range list {
		if !strings.HasPrefix(r.Source, toComplete) || strings.ContainsAny(r.Source, "\t\n") {
			continue // a tab or a line break would break the completion's lines
		}
		title := strings.Join(strings.Fields(sanitizeMessage(r.Title)), " ")
		out = append(out, cobra.CompletionWithDesc(sanitizeMessage(r.Source), title))
	}
	return out, cobra.ShellCompDirectiveKeepOrder
}
