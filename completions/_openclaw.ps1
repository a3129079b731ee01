
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'openclaw' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'openclaw'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'openclaw' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the home with a commented gateway.json5 and the agent `main`')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Create, list, inspect and remove agents')
            [CompletionResult]::new('bind', 'bind', [CompletionResultType]::ParameterValue, 'Route channels, accounts, peers and groups to agents')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'List, show, reset and prune sessions')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Run one agent turn and print the reply')
            [CompletionResult]::new('memory', 'memory', [CompletionResultType]::ParameterValue, 'Search, show and append to agents'' memory')
            [CompletionResult]::new('skills', 'skills', [CompletionResultType]::ParameterValue, 'List the skills in an agent''s workspace')
            [CompletionResult]::new('cron', 'cron', [CompletionResultType]::ParameterValue, 'Schedule agent turns and session resets: add, list, remove, run and inspect jobs')
            [CompletionResult]::new('onboard', 'onboard', [CompletionResultType]::ParameterValue, 'Set up a model provider (and a Telegram bot) in one step, checked with a real request')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect and change gateway.json5')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the home, permissions, config and session stores; --fix repairs what is safe')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('gateway', 'gateway', [CompletionResultType]::ParameterValue, 'Start, stop and inspect the gateway')
            [CompletionResult]::new('pairing', 'pairing', [CompletionResultType]::ParameterValue, 'List and approve senders asking to talk to the agents')
            [CompletionResult]::new('channel', 'channel', [CompletionResultType]::ParameterValue, 'List channel accounts and their health; list and resend dead letters')
            [CompletionResult]::new('canvas', 'canvas', [CompletionResultType]::ParameterValue, 'List and show the canvases agents presented')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Pair other machines as nodes and run commands on them; run this machine as a node')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'List MCP servers and the tools agents get from them; probe, add and remove servers')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring another runtime''s home over (a Node OpenClaw home)')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Print completion candidates, one a line (used by the completion scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;init' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;agent' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an agent with its own workspace, state and config entry.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List agents with their model, bindings and session count.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one agent: paths, model, bindings, sessions and memory size.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an agent: its config entry and its whole directory.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;agent;new' {
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model as provider/model [default: models.default]')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Route a channel (or one account of it) to this agent; repeatable')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name written into IDENTITY.md and SOUL.md [default: from the id]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; take defaults for everything not given')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; take defaults for everything not given')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;agent;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;agent;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;agent;rm' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Really delete the agent''s workspace, memory and sessions')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;agent;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an agent with its own workspace, state and config entry.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List agents with their model, bindings and session count.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one agent: paths, model, bindings, sessions and memory size.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an agent: its config entry and its whole directory.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;agent;help;new' {
            break
        }
        'openclaw;agent;help;ls' {
            break
        }
        'openclaw;agent;help;show' {
            break
        }
        'openclaw;agent;help;rm' {
            break
        }
        'openclaw;agent;help;help' {
            break
        }
        'openclaw;bind' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a binding that routes matching messages to an agent')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the bindings of every agent, or of one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one binding of an agent')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show which agent would get a message, through which binding, in which session.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;bind;add' {
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name, e.g. telegram, discord, whatsapp')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Channel account id')
            [CompletionResult]::new('--peer', '--peer', [CompletionResultType]::ParameterName, 'Glob over the sender id, display name or handle (username), e.g. ''jonas_*''')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Glob over the group or channel id')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Add the binding even when this build has no such channel')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;bind;ls' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only this agent''s bindings')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;bind;rm' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;bind;explain' {
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel the message arrives on, e.g. telegram')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Channel account (bot) that receives it')
            [CompletionResult]::new('--peer', '--peer', [CompletionResultType]::ParameterName, 'Sender id, e.g. Telegram''s numeric user id (peer globs match it; session keys use it)')
            [CompletionResult]::new('--peer-name', '--peer-name', [CompletionResultType]::ParameterName, 'Sender display name, e.g. Jonas (peer globs match it too)')
            [CompletionResult]::new('--peer-handle', '--peer-handle', [CompletionResultType]::ParameterName, 'Sender handle, e.g. a Telegram username, `@` optional (peer globs match it too)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Sender handle, e.g. a Telegram username, `@` optional (peer globs match it too)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group or channel id the message is posted in (omit for a direct message)')
            [CompletionResult]::new('--thread', '--thread', [CompletionResultType]::ParameterName, 'Thread id within the group')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;bind;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a binding that routes matching messages to an agent')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the bindings of every agent, or of one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one binding of an agent')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show which agent would get a message, through which binding, in which session.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;bind;help;add' {
            break
        }
        'openclaw;bind;help;ls' {
            break
        }
        'openclaw;bind;help;rm' {
            break
        }
        'openclaw;bind;help;explain' {
            break
        }
        'openclaw;bind;help;help' {
            break
        }
        'openclaw;session' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List sessions, newest first.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a session''s transcript.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Reset sessions: archive their transcripts and start new ones.')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete archived transcripts older than a duration.')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Stop a running sub-agent.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;session;ls' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only this agent''s sessions')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only sessions of this channel (e.g. telegram)')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Only sessions with an interaction within DURATION (e.g. 30m, 12h, 7d)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Only sessions the reset policy would reset now')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;session;show' {
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N lines')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;session;reset' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Reset the sessions of this agent')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Reset the sessions of every agent')
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Only sessions the reset policy would reset now')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be reset and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;session;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete archives older than DURATION (e.g. 30d, 2w, 12h)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only this agent''s archives')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted and delete nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;session;kill' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;session;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List sessions, newest first.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a session''s transcript.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Reset sessions: archive their transcripts and start new ones.')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete archived transcripts older than a duration.')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Stop a running sub-agent.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;session;help;ls' {
            break
        }
        'openclaw;session;help;show' {
            break
        }
        'openclaw;session;help;reset' {
            break
        }
        'openclaw;session;help;prune' {
            break
        }
        'openclaw;session;help;kill' {
            break
        }
        'openclaw;session;help;help' {
            break
        }
        'openclaw;send' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent to talk to [default: defaultAgent, or the agent of --session]')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'The session to continue, e.g. agent:main:main')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Talk as this peer (the session is the peer''s own); with --channel, the recipient')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Deliver the text to --to on this channel instead of running a turn')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The channel account to send from (with --channel)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;memory' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('grep', 'grep', [CompletionResultType]::ParameterValue, 'Search memory files with a regular expression')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank memory by relevance to a query')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a daily log or the long-term memory')
            [CompletionResult]::new('append', 'append', [CompletionResultType]::ParameterValue, 'Append a timestamped entry to today''s daily log (or to MEMORY.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;memory;grep' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent to search [default: the config''s defaultAgent]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Show N lines of context around each match')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Show N lines of context around each match')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only daily logs dated on or after DATE')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only daily logs dated on or before DATE')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--all-agents', '--all-agents', [CompletionResultType]::ParameterName, 'Search every agent in the config, in config order')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Match case-insensitively')
            [CompletionResult]::new('--ignore-case', '--ignore-case', [CompletionResultType]::ParameterName, 'Match case-insensitively')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'Treat the pattern as a literal string, not a regex')
            [CompletionResult]::new('--fixed-strings', '--fixed-strings', [CompletionResultType]::ParameterName, 'Treat the pattern as a literal string, not a regex')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;memory;search' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent [default: the config''s defaultAgent]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many hits to print')
            [CompletionResult]::new('--max-results', '--max-results', [CompletionResultType]::ParameterName, 'How many hits to print')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;memory;show' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent [default: the config''s defaultAgent]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;memory;append' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent [default: the config''s defaultAgent]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Append to the long-term memory, MEMORY.md')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;memory;help' {
            [CompletionResult]::new('grep', 'grep', [CompletionResultType]::ParameterValue, 'Search memory files with a regular expression')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank memory by relevance to a query')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a daily log or the long-term memory')
            [CompletionResult]::new('append', 'append', [CompletionResultType]::ParameterValue, 'Append a timestamped entry to today''s daily log (or to MEMORY.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;memory;help;grep' {
            break
        }
        'openclaw;memory;help;search' {
            break
        }
        'openclaw;memory;help;show' {
            break
        }
        'openclaw;memory;help;append' {
            break
        }
        'openclaw;memory;help;help' {
            break
        }
        'openclaw;skills' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List an agent''s skills with their descriptions.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;skills;ls' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent [default: the config''s defaultAgent]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;skills;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List an agent''s skills with their descriptions.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;skills;help;ls' {
            break
        }
        'openclaw;skills;help;help' {
            break
        }
        'openclaw;cron' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Schedule a message to an agent, or a reset of its stale sessions.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List scheduled jobs.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a scheduled job.')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scheduled job now, in this process, and print the reply.')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Show a job''s run history, oldest first.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;cron;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the job (its id is made from it)')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'A cron expression, e.g. "0 8 * * mon-fri"')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Run every DURATION (e.g. 30m, 6h, 1d)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Run once at TIME (RFC 3339, or YYYY-MM-DD HH:MM in --tz)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'IANA time zone for --cron and --at [default: session.reset.timezone]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent [default: defaultAgent]')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message the agent gets')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Which session the message goes to')
            [CompletionResult]::new('--deliver', '--deliver', [CompletionResultType]::ParameterName, 'Send the reply to CHANNEL:PEER (needs the running gateway)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--reset-stale', '--reset-stale', [CompletionResultType]::ParameterName, 'Reset the agent''s stale sessions instead (the session.reset policy)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;cron;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;cron;rm' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;cron;run' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;cron;runs' {
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N runs')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;cron;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Schedule a message to an agent, or a reset of its stale sessions.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List scheduled jobs.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a scheduled job.')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scheduled job now, in this process, and print the reply.')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Show a job''s run history, oldest first.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;cron;help;add' {
            break
        }
        'openclaw;cron;help;ls' {
            break
        }
        'openclaw;cron;help;rm' {
            break
        }
        'openclaw;cron;help;run' {
            break
        }
        'openclaw;cron;help;runs' {
            break
        }
        'openclaw;cron;help;help' {
            break
        }
        'openclaw;onboard' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'openai, anthropic, openrouter, ollama, local, or a name of your own with --base-url')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model, as the provider names it (without "provider/")')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'The provider''s API root [default: the provider''s usual one]')
            [CompletionResult]::new('--api-key-env', '--api-key-env', [CompletionResultType]::ParameterName, 'The environment variable holding the API key [default: the provider''s usual one]')
            [CompletionResult]::new('--telegram-token-env', '--telegram-token-env', [CompletionResultType]::ParameterName, 'Also set up a Telegram bot whose token is in this environment variable')
            [CompletionResult]::new('--telegram-api-base', '--telegram-api-base', [CompletionResultType]::ParameterName, 'The Telegram Bot API root, for a self-hosted Bot API server [default: https://api.telegram.org]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt; take the defaults for everything not given')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt; take the defaults for everything not given')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start the gateway when done (with --yes it is only suggested otherwise)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of gateway.json5')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration as JSON')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check gateway.json5 and report the first error and every warning')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one value of the effective configuration')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one value in gateway.json5, keeping comments and layout')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one key from gateway.json5, keeping comments and layout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;config;path' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Print secrets instead of "***"')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config;validate' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config;get' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Print secrets instead of "***"')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config;set' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write a key the schema does not know')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config;unset' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of gateway.json5')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration as JSON')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check gateway.json5 and report the first error and every warning')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one value of the effective configuration')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one value in gateway.json5, keeping comments and layout')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one key from gateway.json5, keeping comments and layout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;config;help;path' {
            break
        }
        'openclaw;config;help;show' {
            break
        }
        'openclaw;config;help;validate' {
            break
        }
        'openclaw;config;help;get' {
            break
        }
        'openclaw;config;help;set' {
            break
        }
        'openclaw;config;help;unset' {
            break
        }
        'openclaw;config;help;help' {
            break
        }
        'openclaw;doctor' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Repair what can be repaired safely')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;completions' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;gateway' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the gateway: channels, the web chat and the control API.')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the running gateway.')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the gateway runs, and how it is doing.')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the gateway''s log (logs/gateway.log).')
            [CompletionResult]::new('install-service', 'install-service', [CompletionResultType]::ParameterValue, 'Write a systemd user unit that runs the gateway.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;gateway;start' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--foreground', '--foreground', [CompletionResultType]::ParameterName, 'Stay attached; log to stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;gateway;stop' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;gateway;status' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;gateway;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many lines to show first')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'How many lines to show first')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new lines')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new lines')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;gateway;install-service' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;gateway;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the gateway: channels, the web chat and the control API.')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the running gateway.')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the gateway runs, and how it is doing.')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the gateway''s log (logs/gateway.log).')
            [CompletionResult]::new('install-service', 'install-service', [CompletionResultType]::ParameterValue, 'Write a systemd user unit that runs the gateway.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;gateway;help;start' {
            break
        }
        'openclaw;gateway;help;stop' {
            break
        }
        'openclaw;gateway;help;status' {
            break
        }
        'openclaw;gateway;help;logs' {
            break
        }
        'openclaw;gateway;help;install-service' {
            break
        }
        'openclaw;gateway;help;help' {
            break
        }
        'openclaw;pairing' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List pending pairing requests.')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Let the sender of a pairing request talk to the agents.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;pairing;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;pairing;approve' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;pairing;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List pending pairing requests.')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Let the sender of a pairing request talk to the agents.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;pairing;help;ls' {
            break
        }
        'openclaw;pairing;help;approve' {
            break
        }
        'openclaw;pairing;help;help' {
            break
        }
        'openclaw;channel' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List channel accounts: kind, health, last error and restarts.')
            [CompletionResult]::new('dead-letters', 'dead-letters', [CompletionResultType]::ParameterValue, 'List, resend or drop outbound messages that could not be delivered.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;channel;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;channel;dead-letters' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the open dead letters (the default)')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send dead letters again')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Close dead letters without sending them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;channel;dead-letters;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;channel;dead-letters;resend' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every open letter')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;channel;dead-letters;drop' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;channel;dead-letters;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the open dead letters (the default)')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send dead letters again')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Close dead letters without sending them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;channel;dead-letters;help;ls' {
            break
        }
        'openclaw;channel;dead-letters;help;resend' {
            break
        }
        'openclaw;channel;dead-letters;help;drop' {
            break
        }
        'openclaw;channel;dead-letters;help;help' {
            break
        }
        'openclaw;channel;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List channel accounts: kind, health, last error and restarts.')
            [CompletionResult]::new('dead-letters', 'dead-letters', [CompletionResultType]::ParameterValue, 'List, resend or drop outbound messages that could not be delivered.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;channel;help;ls' {
            break
        }
        'openclaw;channel;help;dead-letters' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the open dead letters (the default)')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send dead letters again')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Close dead letters without sending them')
            break
        }
        'openclaw;channel;help;dead-letters;ls' {
            break
        }
        'openclaw;channel;help;dead-letters;resend' {
            break
        }
        'openclaw;channel;help;dead-letters;drop' {
            break
        }
        'openclaw;channel;help;help' {
            break
        }
        'openclaw;canvas' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the canvases agents presented, newest change first.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one canvas: what it is, and its content as the agent wrote it.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;canvas;ls' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only this agent''s canvases [default: every agent''s]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;canvas;show' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Look only at this agent''s canvases [default: every agent''s]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Print the plain-text rendering instead of the content')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;canvas;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the canvases agents presented, newest change first.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one canvas: what it is, and its content as the agent wrote it.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;canvas;help;ls' {
            break
        }
        'openclaw;canvas;help;show' {
            break
        }
        'openclaw;canvas;help;help' {
            break
        }
        'openclaw;node' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run this machine as a node of a gateway.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List paired nodes and pending pairing requests.')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Pair the node that asked with this code.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Revoke a paired node, or reject a pending request.')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Run one command on a connected node, through the gateway.')
            [CompletionResult]::new('install-service', 'install-service', [CompletionResultType]::ParameterValue, 'Write a systemd user unit that runs this machine as a node.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;node;run' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The name to be paired as (default: node.name, else the host name)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--foreground', '--foreground', [CompletionResultType]::ParameterName, 'Stay attached; log to stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;node;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;node;approve' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;node;rm' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;node;invoke' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the answer')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;node;install-service' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The name to be paired as (default: node.name, else the host name)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;node;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run this machine as a node of a gateway.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List paired nodes and pending pairing requests.')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Pair the node that asked with this code.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Revoke a paired node, or reject a pending request.')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Run one command on a connected node, through the gateway.')
            [CompletionResult]::new('install-service', 'install-service', [CompletionResultType]::ParameterValue, 'Write a systemd user unit that runs this machine as a node.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;node;help;run' {
            break
        }
        'openclaw;node;help;ls' {
            break
        }
        'openclaw;node;help;approve' {
            break
        }
        'openclaw;node;help;rm' {
            break
        }
        'openclaw;node;help;invoke' {
            break
        }
        'openclaw;node;help;install-service' {
            break
        }
        'openclaw;node;help;help' {
            break
        }
        'openclaw;mcp' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List MCP servers: transport, state, tool count, restarts and last error.')
            [CompletionResult]::new('tools', 'tools', [CompletionResultType]::ParameterValue, 'List the MCP tools an agent is offered: the names and descriptions the model sees.')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Connect to one MCP server now and report the handshake, or exactly why it failed.')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an MCP server to gateway.json5, after checking that it answers.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an MCP server from gateway.json5.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;mcp;ls' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;mcp;tools' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent whose view to show [default: defaultAgent]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;mcp;probe' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Run it in this agent''s workspace [default: defaultAgent]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;mcp;add' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL of a remote server (http or https)')
            [CompletionResult]::new('--transport', '--transport', [CompletionResultType]::ParameterName, 'How to talk to --url: streamable-http (default) or sse')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An HTTP header for --url, NAME=VALUE (repeatable; ${VAR} is kept for the gateway to fill)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'An environment variable for the stdio server, NAME=VALUE (repeatable)')
            [CompletionResult]::new('--cwd', '--cwd', [CompletionResultType]::ParameterName, 'The stdio server''s working directory, relative to the agent''s workspace')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--no-probe', '--no-probe', [CompletionResultType]::ParameterName, 'Save without checking that the server answers')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;mcp;rm' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;mcp;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List MCP servers: transport, state, tool count, restarts and last error.')
            [CompletionResult]::new('tools', 'tools', [CompletionResultType]::ParameterValue, 'List the MCP tools an agent is offered: the names and descriptions the model sees.')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Connect to one MCP server now and report the handshake, or exactly why it failed.')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an MCP server to gateway.json5, after checking that it answers.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an MCP server from gateway.json5.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;mcp;help;ls' {
            break
        }
        'openclaw;mcp;help;tools' {
            break
        }
        'openclaw;mcp;help;probe' {
            break
        }
        'openclaw;mcp;help;add' {
            break
        }
        'openclaw;mcp;help;rm' {
            break
        }
        'openclaw;mcp;help;help' {
            break
        }
        'openclaw;import' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('openclaw', 'openclaw', [CompletionResultType]::ParameterValue, 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;import;openclaw' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The OpenClaw state directory [default: $OPENCLAW_STATE_DIR or ~/.openclaw]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only this agent (repeatable)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the full plan and change nothing')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'Import into an agent or session that exists already: what is here is kept, the rest added')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;import;help' {
            [CompletionResult]::new('openclaw', 'openclaw', [CompletionResultType]::ParameterValue, 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;import;help;openclaw' {
            break
        }
        'openclaw;import;help;help' {
            break
        }
        'openclaw;__complete' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (JSON Lines for streams)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'openclaw;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the home with a commented gateway.json5 and the agent `main`')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Create, list, inspect and remove agents')
            [CompletionResult]::new('bind', 'bind', [CompletionResultType]::ParameterValue, 'Route channels, accounts, peers and groups to agents')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'List, show, reset and prune sessions')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Run one agent turn and print the reply')
            [CompletionResult]::new('memory', 'memory', [CompletionResultType]::ParameterValue, 'Search, show and append to agents'' memory')
            [CompletionResult]::new('skills', 'skills', [CompletionResultType]::ParameterValue, 'List the skills in an agent''s workspace')
            [CompletionResult]::new('cron', 'cron', [CompletionResultType]::ParameterValue, 'Schedule agent turns and session resets: add, list, remove, run and inspect jobs')
            [CompletionResult]::new('onboard', 'onboard', [CompletionResultType]::ParameterValue, 'Set up a model provider (and a Telegram bot) in one step, checked with a real request')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect and change gateway.json5')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the home, permissions, config and session stores; --fix repairs what is safe')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('gateway', 'gateway', [CompletionResultType]::ParameterValue, 'Start, stop and inspect the gateway')
            [CompletionResult]::new('pairing', 'pairing', [CompletionResultType]::ParameterValue, 'List and approve senders asking to talk to the agents')
            [CompletionResult]::new('channel', 'channel', [CompletionResultType]::ParameterValue, 'List channel accounts and their health; list and resend dead letters')
            [CompletionResult]::new('canvas', 'canvas', [CompletionResultType]::ParameterValue, 'List and show the canvases agents presented')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Pair other machines as nodes and run commands on them; run this machine as a node')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'List MCP servers and the tools agents get from them; probe, add and remove servers')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring another runtime''s home over (a Node OpenClaw home)')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Print completion candidates, one a line (used by the completion scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'openclaw;help;init' {
            break
        }
        'openclaw;help;agent' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an agent with its own workspace, state and config entry.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List agents with their model, bindings and session count.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one agent: paths, model, bindings, sessions and memory size.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an agent: its config entry and its whole directory.')
            break
        }
        'openclaw;help;agent;new' {
            break
        }
        'openclaw;help;agent;ls' {
            break
        }
        'openclaw;help;agent;show' {
            break
        }
        'openclaw;help;agent;rm' {
            break
        }
        'openclaw;help;bind' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a binding that routes matching messages to an agent')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the bindings of every agent, or of one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one binding of an agent')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show which agent would get a message, through which binding, in which session.')
            break
        }
        'openclaw;help;bind;add' {
            break
        }
        'openclaw;help;bind;ls' {
            break
        }
        'openclaw;help;bind;rm' {
            break
        }
        'openclaw;help;bind;explain' {
            break
        }
        'openclaw;help;session' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List sessions, newest first.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a session''s transcript.')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Reset sessions: archive their transcripts and start new ones.')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete archived transcripts older than a duration.')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Stop a running sub-agent.')
            break
        }
        'openclaw;help;session;ls' {
            break
        }
        'openclaw;help;session;show' {
            break
        }
        'openclaw;help;session;reset' {
            break
        }
        'openclaw;help;session;prune' {
            break
        }
        'openclaw;help;session;kill' {
            break
        }
        'openclaw;help;send' {
            break
        }
        'openclaw;help;memory' {
            [CompletionResult]::new('grep', 'grep', [CompletionResultType]::ParameterValue, 'Search memory files with a regular expression')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank memory by relevance to a query')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a daily log or the long-term memory')
            [CompletionResult]::new('append', 'append', [CompletionResultType]::ParameterValue, 'Append a timestamped entry to today''s daily log (or to MEMORY.md)')
            break
        }
        'openclaw;help;memory;grep' {
            break
        }
        'openclaw;help;memory;search' {
            break
        }
        'openclaw;help;memory;show' {
            break
        }
        'openclaw;help;memory;append' {
            break
        }
        'openclaw;help;skills' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List an agent''s skills with their descriptions.')
            break
        }
        'openclaw;help;skills;ls' {
            break
        }
        'openclaw;help;cron' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Schedule a message to an agent, or a reset of its stale sessions.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List scheduled jobs.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a scheduled job.')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scheduled job now, in this process, and print the reply.')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Show a job''s run history, oldest first.')
            break
        }
        'openclaw;help;cron;add' {
            break
        }
        'openclaw;help;cron;ls' {
            break
        }
        'openclaw;help;cron;rm' {
            break
        }
        'openclaw;help;cron;run' {
            break
        }
        'openclaw;help;cron;runs' {
            break
        }
        'openclaw;help;onboard' {
            break
        }
        'openclaw;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of gateway.json5')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration as JSON')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check gateway.json5 and report the first error and every warning')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one value of the effective configuration')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one value in gateway.json5, keeping comments and layout')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one key from gateway.json5, keeping comments and layout')
            break
        }
        'openclaw;help;config;path' {
            break
        }
        'openclaw;help;config;show' {
            break
        }
        'openclaw;help;config;validate' {
            break
        }
        'openclaw;help;config;get' {
            break
        }
        'openclaw;help;config;set' {
            break
        }
        'openclaw;help;config;unset' {
            break
        }
        'openclaw;help;doctor' {
            break
        }
        'openclaw;help;completions' {
            break
        }
        'openclaw;help;gateway' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the gateway: channels, the web chat and the control API.')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the running gateway.')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the gateway runs, and how it is doing.')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the gateway''s log (logs/gateway.log).')
            [CompletionResult]::new('install-service', 'install-service', [CompletionResultType]::ParameterValue, 'Write a systemd user unit that runs the gateway.')
            break
        }
        'openclaw;help;gateway;start' {
            break
        }
        'openclaw;help;gateway;stop' {
            break
        }
        'openclaw;help;gateway;status' {
            break
        }
        'openclaw;help;gateway;logs' {
            break
        }
        'openclaw;help;gateway;install-service' {
            break
        }
        'openclaw;help;pairing' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List pending pairing requests.')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Let the sender of a pairing request talk to the agents.')
            break
        }
        'openclaw;help;pairing;ls' {
            break
        }
        'openclaw;help;pairing;approve' {
            break
        }
        'openclaw;help;channel' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List channel accounts: kind, health, last error and restarts.')
            [CompletionResult]::new('dead-letters', 'dead-letters', [CompletionResultType]::ParameterValue, 'List, resend or drop outbound messages that could not be delivered.')
            break
        }
        'openclaw;help;channel;ls' {
            break
        }
        'openclaw;help;channel;dead-letters' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the open dead letters (the default)')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Send dead letters again')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Close dead letters without sending them')
            break
        }
        'openclaw;help;channel;dead-letters;ls' {
            break
        }
        'openclaw;help;channel;dead-letters;resend' {
            break
        }
        'openclaw;help;channel;dead-letters;drop' {
            break
        }
        'openclaw;help;canvas' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the canvases agents presented, newest change first.')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one canvas: what it is, and its content as the agent wrote it.')
            break
        }
        'openclaw;help;canvas;ls' {
            break
        }
        'openclaw;help;canvas;show' {
            break
        }
        'openclaw;help;node' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run this machine as a node of a gateway.')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List paired nodes and pending pairing requests.')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Pair the node that asked with this code.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Revoke a paired node, or reject a pending request.')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Run one command on a connected node, through the gateway.')
            [CompletionResult]::new('install-service', 'install-service', [CompletionResultType]::ParameterValue, 'Write a systemd user unit that runs this machine as a node.')
            break
        }
        'openclaw;help;node;run' {
            break
        }
        'openclaw;help;node;ls' {
            break
        }
        'openclaw;help;node;approve' {
            break
        }
        'openclaw;help;node;rm' {
            break
        }
        'openclaw;help;node;invoke' {
            break
        }
        'openclaw;help;node;install-service' {
            break
        }
        'openclaw;help;mcp' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List MCP servers: transport, state, tool count, restarts and last error.')
            [CompletionResult]::new('tools', 'tools', [CompletionResultType]::ParameterValue, 'List the MCP tools an agent is offered: the names and descriptions the model sees.')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Connect to one MCP server now and report the handshake, or exactly why it failed.')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an MCP server to gateway.json5, after checking that it answers.')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an MCP server from gateway.json5.')
            break
        }
        'openclaw;help;mcp;ls' {
            break
        }
        'openclaw;help;mcp;tools' {
            break
        }
        'openclaw;help;mcp;probe' {
            break
        }
        'openclaw;help;mcp;add' {
            break
        }
        'openclaw;help;mcp;rm' {
            break
        }
        'openclaw;help;import' {
            [CompletionResult]::new('openclaw', 'openclaw', [CompletionResultType]::ParameterValue, 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.')
            break
        }
        'openclaw;help;import;openclaw' {
            break
        }
        'openclaw;help;__complete' {
            break
        }
        'openclaw;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
