
use builtin;
use str;

set edit:completion:arg-completer[openclaw] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'openclaw'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'openclaw'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the home with a commented gateway.json5 and the agent `main`'
            cand agent 'Create, list, inspect and remove agents'
            cand bind 'Route channels, accounts, peers and groups to agents'
            cand session 'List, show, reset and prune sessions'
            cand send 'Run one agent turn and print the reply'
            cand memory 'Search, show and append to agents'' memory'
            cand skills 'List the skills in an agent''s workspace'
            cand cron 'Schedule agent turns and session resets: add, list, remove, run and inspect jobs'
            cand onboard 'Set up a model provider (and a Telegram bot) in one step, checked with a real request'
            cand config 'Inspect and change gateway.json5'
            cand doctor 'Check the home, permissions, config and session stores; --fix repairs what is safe'
            cand completions 'Print a shell completion script'
            cand gateway 'Start, stop and inspect the gateway'
            cand pairing 'List and approve senders asking to talk to the agents'
            cand channel 'List channel accounts and their health; list and resend dead letters'
            cand canvas 'List and show the canvases agents presented'
            cand node 'Pair other machines as nodes and run commands on them; run this machine as a node'
            cand mcp 'List MCP servers and the tools agents get from them; probe, add and remove servers'
            cand import 'Bring another runtime''s home over (a Node OpenClaw home)'
            cand __complete 'Print completion candidates, one a line (used by the completion scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;init'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create an agent with its own workspace, state and config entry.'
            cand ls 'List agents with their model, bindings and session count.'
            cand show 'Show one agent: paths, model, bindings, sessions and memory size.'
            cand rm 'Remove an agent: its config entry and its whole directory.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;agent;new'= {
            cand --model 'Model as provider/model [default: models.default]'
            cand --bind 'Route a channel (or one account of it) to this agent; repeatable'
            cand --name 'Display name written into IDENTITY.md and SOUL.md [default: from the id]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand -y 'Never prompt; take defaults for everything not given'
            cand --yes 'Never prompt; take defaults for everything not given'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent;show'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent;rm'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --purge 'Really delete the agent''s workspace, memory and sessions'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent;help'= {
            cand new 'Create an agent with its own workspace, state and config entry.'
            cand ls 'List agents with their model, bindings and session count.'
            cand show 'Show one agent: paths, model, bindings, sessions and memory size.'
            cand rm 'Remove an agent: its config entry and its whole directory.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;agent;help;new'= {
        }
        &'openclaw;agent;help;ls'= {
        }
        &'openclaw;agent;help;show'= {
        }
        &'openclaw;agent;help;rm'= {
        }
        &'openclaw;agent;help;help'= {
        }
        &'openclaw;bind'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a binding that routes matching messages to an agent'
            cand ls 'List the bindings of every agent, or of one'
            cand rm 'Remove one binding of an agent'
            cand explain 'Show which agent would get a message, through which binding, in which session.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;bind;add'= {
            cand --channel 'Channel name, e.g. telegram, discord, whatsapp'
            cand --account 'Channel account id'
            cand --peer 'Glob over the sender id, display name or handle (username), e.g. ''jonas_*'''
            cand --group 'Glob over the group or channel id'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --force 'Add the binding even when this build has no such channel'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;bind;ls'= {
            cand --agent 'Only this agent''s bindings'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;bind;rm'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;bind;explain'= {
            cand --channel 'Channel the message arrives on, e.g. telegram'
            cand --account 'Channel account (bot) that receives it'
            cand --peer 'Sender id, e.g. Telegram''s numeric user id (peer globs match it; session keys use it)'
            cand --peer-name 'Sender display name, e.g. Jonas (peer globs match it too)'
            cand --peer-handle 'Sender handle, e.g. a Telegram username, `@` optional (peer globs match it too)'
            cand --username 'Sender handle, e.g. a Telegram username, `@` optional (peer globs match it too)'
            cand --group 'Group or channel id the message is posted in (omit for a direct message)'
            cand --thread 'Thread id within the group'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;bind;help'= {
            cand add 'Add a binding that routes matching messages to an agent'
            cand ls 'List the bindings of every agent, or of one'
            cand rm 'Remove one binding of an agent'
            cand explain 'Show which agent would get a message, through which binding, in which session.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;bind;help;add'= {
        }
        &'openclaw;bind;help;ls'= {
        }
        &'openclaw;bind;help;rm'= {
        }
        &'openclaw;bind;help;explain'= {
        }
        &'openclaw;bind;help;help'= {
        }
        &'openclaw;session'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List sessions, newest first.'
            cand show 'Show a session''s transcript.'
            cand reset 'Reset sessions: archive their transcripts and start new ones.'
            cand prune 'Delete archived transcripts older than a duration.'
            cand kill 'Stop a running sub-agent.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;session;ls'= {
            cand --agent 'Only this agent''s sessions'
            cand --channel 'Only sessions of this channel (e.g. telegram)'
            cand --active 'Only sessions with an interaction within DURATION (e.g. 30m, 12h, 7d)'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --stale 'Only sessions the reset policy would reset now'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;session;show'= {
            cand --tail 'Only the last N lines'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;session;reset'= {
            cand --agent 'Reset the sessions of this agent'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --all 'Reset the sessions of every agent'
            cand --stale 'Only sessions the reset policy would reset now'
            cand --dry-run 'Show what would be reset and change nothing'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;session;prune'= {
            cand --older-than 'Delete archives older than DURATION (e.g. 30d, 2w, 12h)'
            cand --agent 'Only this agent''s archives'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --dry-run 'Show what would be deleted and delete nothing'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;session;kill'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;session;help'= {
            cand ls 'List sessions, newest first.'
            cand show 'Show a session''s transcript.'
            cand reset 'Reset sessions: archive their transcripts and start new ones.'
            cand prune 'Delete archived transcripts older than a duration.'
            cand kill 'Stop a running sub-agent.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;session;help;ls'= {
        }
        &'openclaw;session;help;show'= {
        }
        &'openclaw;session;help;reset'= {
        }
        &'openclaw;session;help;prune'= {
        }
        &'openclaw;session;help;kill'= {
        }
        &'openclaw;session;help;help'= {
        }
        &'openclaw;send'= {
            cand --agent 'The agent to talk to [default: defaultAgent, or the agent of --session]'
            cand --session 'The session to continue, e.g. agent:main:main'
            cand --to 'Talk as this peer (the session is the peer''s own); with --channel, the recipient'
            cand --channel 'Deliver the text to --to on this channel instead of running a turn'
            cand --account 'The channel account to send from (with --channel)'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;memory'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand grep 'Search memory files with a regular expression'
            cand search 'Rank memory by relevance to a query'
            cand show 'Print a daily log or the long-term memory'
            cand append 'Append a timestamped entry to today''s daily log (or to MEMORY.md)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;memory;grep'= {
            cand --agent 'The agent to search [default: the config''s defaultAgent]'
            cand -C 'Show N lines of context around each match'
            cand --context 'Show N lines of context around each match'
            cand --since 'Only daily logs dated on or after DATE'
            cand --until 'Only daily logs dated on or before DATE'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --all-agents 'Search every agent in the config, in config order'
            cand -i 'Match case-insensitively'
            cand --ignore-case 'Match case-insensitively'
            cand -F 'Treat the pattern as a literal string, not a regex'
            cand --fixed-strings 'Treat the pattern as a literal string, not a regex'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;memory;search'= {
            cand --agent 'The agent [default: the config''s defaultAgent]'
            cand -n 'How many hits to print'
            cand --max-results 'How many hits to print'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;memory;show'= {
            cand --agent 'The agent [default: the config''s defaultAgent]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;memory;append'= {
            cand --agent 'The agent [default: the config''s defaultAgent]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --long 'Append to the long-term memory, MEMORY.md'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;memory;help'= {
            cand grep 'Search memory files with a regular expression'
            cand search 'Rank memory by relevance to a query'
            cand show 'Print a daily log or the long-term memory'
            cand append 'Append a timestamped entry to today''s daily log (or to MEMORY.md)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;memory;help;grep'= {
        }
        &'openclaw;memory;help;search'= {
        }
        &'openclaw;memory;help;show'= {
        }
        &'openclaw;memory;help;append'= {
        }
        &'openclaw;memory;help;help'= {
        }
        &'openclaw;skills'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List an agent''s skills with their descriptions.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;skills;ls'= {
            cand --agent 'The agent [default: the config''s defaultAgent]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;skills;help'= {
            cand ls 'List an agent''s skills with their descriptions.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;skills;help;ls'= {
        }
        &'openclaw;skills;help;help'= {
        }
        &'openclaw;cron'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Schedule a message to an agent, or a reset of its stale sessions.'
            cand ls 'List scheduled jobs.'
            cand rm 'Remove a scheduled job.'
            cand run 'Run a scheduled job now, in this process, and print the reply.'
            cand runs 'Show a job''s run history, oldest first.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;cron;add'= {
            cand --name 'A name for the job (its id is made from it)'
            cand --cron 'A cron expression, e.g. "0 8 * * mon-fri"'
            cand --every 'Run every DURATION (e.g. 30m, 6h, 1d)'
            cand --at 'Run once at TIME (RFC 3339, or YYYY-MM-DD HH:MM in --tz)'
            cand --tz 'IANA time zone for --cron and --at [default: session.reset.timezone]'
            cand --agent 'The agent [default: defaultAgent]'
            cand --message 'The message the agent gets'
            cand --session 'Which session the message goes to'
            cand --deliver 'Send the reply to CHANNEL:PEER (needs the running gateway)'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --reset-stale 'Reset the agent''s stale sessions instead (the session.reset policy)'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;cron;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;cron;rm'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;cron;run'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;cron;runs'= {
            cand --tail 'Only the last N runs'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;cron;help'= {
            cand add 'Schedule a message to an agent, or a reset of its stale sessions.'
            cand ls 'List scheduled jobs.'
            cand rm 'Remove a scheduled job.'
            cand run 'Run a scheduled job now, in this process, and print the reply.'
            cand runs 'Show a job''s run history, oldest first.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;cron;help;add'= {
        }
        &'openclaw;cron;help;ls'= {
        }
        &'openclaw;cron;help;rm'= {
        }
        &'openclaw;cron;help;run'= {
        }
        &'openclaw;cron;help;runs'= {
        }
        &'openclaw;cron;help;help'= {
        }
        &'openclaw;onboard'= {
            cand --provider 'openai, anthropic, openrouter, ollama, local, or a name of your own with --base-url'
            cand --model 'The model, as the provider names it (without "provider/")'
            cand --base-url 'The provider''s API root [default: the provider''s usual one]'
            cand --api-key-env 'The environment variable holding the API key [default: the provider''s usual one]'
            cand --telegram-token-env 'Also set up a Telegram bot whose token is in this environment variable'
            cand --telegram-api-base 'The Telegram Bot API root, for a self-hosted Bot API server [default: https://api.telegram.org]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand -y 'Never prompt; take the defaults for everything not given'
            cand --yes 'Never prompt; take the defaults for everything not given'
            cand --start 'Start the gateway when done (with --yes it is only suggested otherwise)'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the path of gateway.json5'
            cand show 'Print the effective configuration as JSON'
            cand validate 'Check gateway.json5 and report the first error and every warning'
            cand get 'Print one value of the effective configuration'
            cand set 'Set one value in gateway.json5, keeping comments and layout'
            cand unset 'Remove one key from gateway.json5, keeping comments and layout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;config;path'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;show'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --show-secrets 'Print secrets instead of "***"'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;validate'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;get'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --show-secrets 'Print secrets instead of "***"'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;set'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --force 'Write a key the schema does not know'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;unset'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;help'= {
            cand path 'Print the path of gateway.json5'
            cand show 'Print the effective configuration as JSON'
            cand validate 'Check gateway.json5 and report the first error and every warning'
            cand get 'Print one value of the effective configuration'
            cand set 'Set one value in gateway.json5, keeping comments and layout'
            cand unset 'Remove one key from gateway.json5, keeping comments and layout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;config;help;path'= {
        }
        &'openclaw;config;help;show'= {
        }
        &'openclaw;config;help;validate'= {
        }
        &'openclaw;config;help;get'= {
        }
        &'openclaw;config;help;set'= {
        }
        &'openclaw;config;help;unset'= {
        }
        &'openclaw;config;help;help'= {
        }
        &'openclaw;doctor'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --fix 'Repair what can be repaired safely'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;completions'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;gateway'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Start the gateway: channels, the web chat and the control API.'
            cand stop 'Stop the running gateway.'
            cand status 'Show whether the gateway runs, and how it is doing.'
            cand logs 'Print the gateway''s log (logs/gateway.log).'
            cand install-service 'Write a systemd user unit that runs the gateway.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;gateway;start'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --foreground 'Stay attached; log to stderr'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;gateway;stop'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;gateway;status'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;gateway;logs'= {
            cand -n 'How many lines to show first'
            cand --lines 'How many lines to show first'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand -f 'Keep printing new lines'
            cand --follow 'Keep printing new lines'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;gateway;install-service'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;gateway;help'= {
            cand start 'Start the gateway: channels, the web chat and the control API.'
            cand stop 'Stop the running gateway.'
            cand status 'Show whether the gateway runs, and how it is doing.'
            cand logs 'Print the gateway''s log (logs/gateway.log).'
            cand install-service 'Write a systemd user unit that runs the gateway.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;gateway;help;start'= {
        }
        &'openclaw;gateway;help;stop'= {
        }
        &'openclaw;gateway;help;status'= {
        }
        &'openclaw;gateway;help;logs'= {
        }
        &'openclaw;gateway;help;install-service'= {
        }
        &'openclaw;gateway;help;help'= {
        }
        &'openclaw;pairing'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List pending pairing requests.'
            cand approve 'Let the sender of a pairing request talk to the agents.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;pairing;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;pairing;approve'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;pairing;help'= {
            cand ls 'List pending pairing requests.'
            cand approve 'Let the sender of a pairing request talk to the agents.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;pairing;help;ls'= {
        }
        &'openclaw;pairing;help;approve'= {
        }
        &'openclaw;pairing;help;help'= {
        }
        &'openclaw;channel'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List channel accounts: kind, health, last error and restarts.'
            cand dead-letters 'List, resend or drop outbound messages that could not be delivered.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;channel;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;channel;dead-letters'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List the open dead letters (the default)'
            cand resend 'Send dead letters again'
            cand drop 'Close dead letters without sending them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;channel;dead-letters;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;channel;dead-letters;resend'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --all 'Every open letter'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;channel;dead-letters;drop'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;channel;dead-letters;help'= {
            cand ls 'List the open dead letters (the default)'
            cand resend 'Send dead letters again'
            cand drop 'Close dead letters without sending them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;channel;dead-letters;help;ls'= {
        }
        &'openclaw;channel;dead-letters;help;resend'= {
        }
        &'openclaw;channel;dead-letters;help;drop'= {
        }
        &'openclaw;channel;dead-letters;help;help'= {
        }
        &'openclaw;channel;help'= {
            cand ls 'List channel accounts: kind, health, last error and restarts.'
            cand dead-letters 'List, resend or drop outbound messages that could not be delivered.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;channel;help;ls'= {
        }
        &'openclaw;channel;help;dead-letters'= {
            cand ls 'List the open dead letters (the default)'
            cand resend 'Send dead letters again'
            cand drop 'Close dead letters without sending them'
        }
        &'openclaw;channel;help;dead-letters;ls'= {
        }
        &'openclaw;channel;help;dead-letters;resend'= {
        }
        &'openclaw;channel;help;dead-letters;drop'= {
        }
        &'openclaw;channel;help;help'= {
        }
        &'openclaw;canvas'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List the canvases agents presented, newest change first.'
            cand show 'Show one canvas: what it is, and its content as the agent wrote it.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;canvas;ls'= {
            cand --agent 'Only this agent''s canvases [default: every agent''s]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;canvas;show'= {
            cand --agent 'Look only at this agent''s canvases [default: every agent''s]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --text 'Print the plain-text rendering instead of the content'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;canvas;help'= {
            cand ls 'List the canvases agents presented, newest change first.'
            cand show 'Show one canvas: what it is, and its content as the agent wrote it.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;canvas;help;ls'= {
        }
        &'openclaw;canvas;help;show'= {
        }
        &'openclaw;canvas;help;help'= {
        }
        &'openclaw;node'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Run this machine as a node of a gateway.'
            cand ls 'List paired nodes and pending pairing requests.'
            cand approve 'Pair the node that asked with this code.'
            cand rm 'Revoke a paired node, or reject a pending request.'
            cand invoke 'Run one command on a connected node, through the gateway.'
            cand install-service 'Write a systemd user unit that runs this machine as a node.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;node;run'= {
            cand --gateway 'The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)'
            cand --name 'The name to be paired as (default: node.name, else the host name)'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --foreground 'Stay attached; log to stderr'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;node;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;node;approve'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;node;rm'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;node;invoke'= {
            cand --timeout 'Seconds to wait for the answer'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;node;install-service'= {
            cand --gateway 'The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)'
            cand --name 'The name to be paired as (default: node.name, else the host name)'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;node;help'= {
            cand run 'Run this machine as a node of a gateway.'
            cand ls 'List paired nodes and pending pairing requests.'
            cand approve 'Pair the node that asked with this code.'
            cand rm 'Revoke a paired node, or reject a pending request.'
            cand invoke 'Run one command on a connected node, through the gateway.'
            cand install-service 'Write a systemd user unit that runs this machine as a node.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;node;help;run'= {
        }
        &'openclaw;node;help;ls'= {
        }
        &'openclaw;node;help;approve'= {
        }
        &'openclaw;node;help;rm'= {
        }
        &'openclaw;node;help;invoke'= {
        }
        &'openclaw;node;help;install-service'= {
        }
        &'openclaw;node;help;help'= {
        }
        &'openclaw;mcp'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List MCP servers: transport, state, tool count, restarts and last error.'
            cand tools 'List the MCP tools an agent is offered: the names and descriptions the model sees.'
            cand probe 'Connect to one MCP server now and report the handshake, or exactly why it failed.'
            cand add 'Add an MCP server to gateway.json5, after checking that it answers.'
            cand rm 'Remove an MCP server from gateway.json5.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;mcp;ls'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;mcp;tools'= {
            cand --agent 'The agent whose view to show [default: defaultAgent]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;mcp;probe'= {
            cand --agent 'Run it in this agent''s workspace [default: defaultAgent]'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;mcp;add'= {
            cand --url 'The URL of a remote server (http or https)'
            cand --transport 'How to talk to --url: streamable-http (default) or sse'
            cand --header 'An HTTP header for --url, NAME=VALUE (repeatable; ${VAR} is kept for the gateway to fill)'
            cand --env 'An environment variable for the stdio server, NAME=VALUE (repeatable)'
            cand --cwd 'The stdio server''s working directory, relative to the agent''s workspace'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --no-probe 'Save without checking that the server answers'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;mcp;rm'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;mcp;help'= {
            cand ls 'List MCP servers: transport, state, tool count, restarts and last error.'
            cand tools 'List the MCP tools an agent is offered: the names and descriptions the model sees.'
            cand probe 'Connect to one MCP server now and report the handshake, or exactly why it failed.'
            cand add 'Add an MCP server to gateway.json5, after checking that it answers.'
            cand rm 'Remove an MCP server from gateway.json5.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;mcp;help;ls'= {
        }
        &'openclaw;mcp;help;tools'= {
        }
        &'openclaw;mcp;help;probe'= {
        }
        &'openclaw;mcp;help;add'= {
        }
        &'openclaw;mcp;help;rm'= {
        }
        &'openclaw;mcp;help;help'= {
        }
        &'openclaw;import'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand openclaw 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;import;openclaw'= {
            cand --from 'The OpenClaw state directory [default: $OPENCLAW_STATE_DIR or ~/.openclaw]'
            cand --agent 'Only this agent (repeatable)'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --dry-run 'Print the full plan and change nothing'
            cand --merge 'Import into an agent or session that exists already: what is here is kept, the rest added'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;import;help'= {
            cand openclaw 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;import;help;openclaw'= {
        }
        &'openclaw;import;help;help'= {
        }
        &'openclaw;__complete'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;help'= {
            cand init 'Create the home with a commented gateway.json5 and the agent `main`'
            cand agent 'Create, list, inspect and remove agents'
            cand bind 'Route channels, accounts, peers and groups to agents'
            cand session 'List, show, reset and prune sessions'
            cand send 'Run one agent turn and print the reply'
            cand memory 'Search, show and append to agents'' memory'
            cand skills 'List the skills in an agent''s workspace'
            cand cron 'Schedule agent turns and session resets: add, list, remove, run and inspect jobs'
            cand onboard 'Set up a model provider (and a Telegram bot) in one step, checked with a real request'
            cand config 'Inspect and change gateway.json5'
            cand doctor 'Check the home, permissions, config and session stores; --fix repairs what is safe'
            cand completions 'Print a shell completion script'
            cand gateway 'Start, stop and inspect the gateway'
            cand pairing 'List and approve senders asking to talk to the agents'
            cand channel 'List channel accounts and their health; list and resend dead letters'
            cand canvas 'List and show the canvases agents presented'
            cand node 'Pair other machines as nodes and run commands on them; run this machine as a node'
            cand mcp 'List MCP servers and the tools agents get from them; probe, add and remove servers'
            cand import 'Bring another runtime''s home over (a Node OpenClaw home)'
            cand __complete 'Print completion candidates, one a line (used by the completion scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;help;init'= {
        }
        &'openclaw;help;agent'= {
            cand new 'Create an agent with its own workspace, state and config entry.'
            cand ls 'List agents with their model, bindings and session count.'
            cand show 'Show one agent: paths, model, bindings, sessions and memory size.'
            cand rm 'Remove an agent: its config entry and its whole directory.'
        }
        &'openclaw;help;agent;new'= {
        }
        &'openclaw;help;agent;ls'= {
        }
        &'openclaw;help;agent;show'= {
        }
        &'openclaw;help;agent;rm'= {
        }
        &'openclaw;help;bind'= {
            cand add 'Add a binding that routes matching messages to an agent'
            cand ls 'List the bindings of every agent, or of one'
            cand rm 'Remove one binding of an agent'
            cand explain 'Show which agent would get a message, through which binding, in which session.'
        }
        &'openclaw;help;bind;add'= {
        }
        &'openclaw;help;bind;ls'= {
        }
        &'openclaw;help;bind;rm'= {
        }
        &'openclaw;help;bind;explain'= {
        }
        &'openclaw;help;session'= {
            cand ls 'List sessions, newest first.'
            cand show 'Show a session''s transcript.'
            cand reset 'Reset sessions: archive their transcripts and start new ones.'
            cand prune 'Delete archived transcripts older than a duration.'
            cand kill 'Stop a running sub-agent.'
        }
        &'openclaw;help;session;ls'= {
        }
        &'openclaw;help;session;show'= {
        }
        &'openclaw;help;session;reset'= {
        }
        &'openclaw;help;session;prune'= {
        }
        &'openclaw;help;session;kill'= {
        }
        &'openclaw;help;send'= {
        }
        &'openclaw;help;memory'= {
            cand grep 'Search memory files with a regular expression'
            cand search 'Rank memory by relevance to a query'
            cand show 'Print a daily log or the long-term memory'
            cand append 'Append a timestamped entry to today''s daily log (or to MEMORY.md)'
        }
        &'openclaw;help;memory;grep'= {
        }
        &'openclaw;help;memory;search'= {
        }
        &'openclaw;help;memory;show'= {
        }
        &'openclaw;help;memory;append'= {
        }
        &'openclaw;help;skills'= {
            cand ls 'List an agent''s skills with their descriptions.'
        }
        &'openclaw;help;skills;ls'= {
        }
        &'openclaw;help;cron'= {
            cand add 'Schedule a message to an agent, or a reset of its stale sessions.'
            cand ls 'List scheduled jobs.'
            cand rm 'Remove a scheduled job.'
            cand run 'Run a scheduled job now, in this process, and print the reply.'
            cand runs 'Show a job''s run history, oldest first.'
        }
        &'openclaw;help;cron;add'= {
        }
        &'openclaw;help;cron;ls'= {
        }
        &'openclaw;help;cron;rm'= {
        }
        &'openclaw;help;cron;run'= {
        }
        &'openclaw;help;cron;runs'= {
        }
        &'openclaw;help;onboard'= {
        }
        &'openclaw;help;config'= {
            cand path 'Print the path of gateway.json5'
            cand show 'Print the effective configuration as JSON'
            cand validate 'Check gateway.json5 and report the first error and every warning'
            cand get 'Print one value of the effective configuration'
            cand set 'Set one value in gateway.json5, keeping comments and layout'
            cand unset 'Remove one key from gateway.json5, keeping comments and layout'
        }
        &'openclaw;help;config;path'= {
        }
        &'openclaw;help;config;show'= {
        }
        &'openclaw;help;config;validate'= {
        }
        &'openclaw;help;config;get'= {
        }
        &'openclaw;help;config;set'= {
        }
        &'openclaw;help;config;unset'= {
        }
        &'openclaw;help;doctor'= {
        }
        &'openclaw;help;completions'= {
        }
        &'openclaw;help;gateway'= {
            cand start 'Start the gateway: channels, the web chat and the control API.'
            cand stop 'Stop the running gateway.'
            cand status 'Show whether the gateway runs, and how it is doing.'
            cand logs 'Print the gateway''s log (logs/gateway.log).'
            cand install-service 'Write a systemd user unit that runs the gateway.'
        }
        &'openclaw;help;gateway;start'= {
        }
        &'openclaw;help;gateway;stop'= {
        }
        &'openclaw;help;gateway;status'= {
        }
        &'openclaw;help;gateway;logs'= {
        }
        &'openclaw;help;gateway;install-service'= {
        }
        &'openclaw;help;pairing'= {
            cand ls 'List pending pairing requests.'
            cand approve 'Let the sender of a pairing request talk to the agents.'
        }
        &'openclaw;help;pairing;ls'= {
        }
        &'openclaw;help;pairing;approve'= {
        }
        &'openclaw;help;channel'= {
            cand ls 'List channel accounts: kind, health, last error and restarts.'
            cand dead-letters 'List, resend or drop outbound messages that could not be delivered.'
        }
        &'openclaw;help;channel;ls'= {
        }
        &'openclaw;help;channel;dead-letters'= {
            cand ls 'List the open dead letters (the default)'
            cand resend 'Send dead letters again'
            cand drop 'Close dead letters without sending them'
        }
        &'openclaw;help;channel;dead-letters;ls'= {
        }
        &'openclaw;help;channel;dead-letters;resend'= {
        }
        &'openclaw;help;channel;dead-letters;drop'= {
        }
        &'openclaw;help;canvas'= {
            cand ls 'List the canvases agents presented, newest change first.'
            cand show 'Show one canvas: what it is, and its content as the agent wrote it.'
        }
        &'openclaw;help;canvas;ls'= {
        }
        &'openclaw;help;canvas;show'= {
        }
        &'openclaw;help;node'= {
            cand run 'Run this machine as a node of a gateway.'
            cand ls 'List paired nodes and pending pairing requests.'
            cand approve 'Pair the node that asked with this code.'
            cand rm 'Revoke a paired node, or reject a pending request.'
            cand invoke 'Run one command on a connected node, through the gateway.'
            cand install-service 'Write a systemd user unit that runs this machine as a node.'
        }
        &'openclaw;help;node;run'= {
        }
        &'openclaw;help;node;ls'= {
        }
        &'openclaw;help;node;approve'= {
        }
        &'openclaw;help;node;rm'= {
        }
        &'openclaw;help;node;invoke'= {
        }
        &'openclaw;help;node;install-service'= {
        }
        &'openclaw;help;mcp'= {
            cand ls 'List MCP servers: transport, state, tool count, restarts and last error.'
            cand tools 'List the MCP tools an agent is offered: the names and descriptions the model sees.'
            cand probe 'Connect to one MCP server now and report the handshake, or exactly why it failed.'
            cand add 'Add an MCP server to gateway.json5, after checking that it answers.'
            cand rm 'Remove an MCP server from gateway.json5.'
        }
        &'openclaw;help;mcp;ls'= {
        }
        &'openclaw;help;mcp;tools'= {
        }
        &'openclaw;help;mcp;probe'= {
        }
        &'openclaw;help;mcp;add'= {
        }
        &'openclaw;help;mcp;rm'= {
        }
        &'openclaw;help;import'= {
            cand openclaw 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.'
        }
        &'openclaw;help;import;openclaw'= {
        }
        &'openclaw;help;__complete'= {
        }
        &'openclaw;help;help'= {
        }
    ]
    $completions[$command]
}
