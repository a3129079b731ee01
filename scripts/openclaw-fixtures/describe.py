#!/usr/bin/env python3
"""Prints what an OpenClaw home holds: agents, bindings, session keys, message counts,
cron jobs, pairing, memory files, databases. Used for tests/fixtures/openclaw/README.md.

Usage: describe.py FIXTURE_DIR   (the directory holding .openclaw)
"""

import json
import os
import sqlite3
import sys


def load_json5(path):
    # openclaw.json as OpenClaw writes it is plain JSON.
    with open(path) as f:
        return json.load(f)


def transcript_summary(path):
    roles = {}
    tool_calls = []
    events = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            e = json.loads(line)
            events[e.get("type")] = events.get(e.get("type"), 0) + 1
            if e.get("type") == "message":
                m = e["message"]
                roles[m["role"]] = roles.get(m["role"], 0) + 1
                if isinstance(m.get("content"), list):
                    for part in m["content"]:
                        if part.get("type") == "toolCall":
                            tool_calls.append(part.get("name"))
    return roles, tool_calls, events


def fmt_counts(d):
    return ", ".join(f"{k} {v}" for k, v in sorted(d.items()))


def describe_sqlite(path, out):
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        filled = []
        for t in tables:
            n = con.execute(f'select count(*) from "{t}"').fetchone()[0]
            if n:
                filled.append(f"{t} {n}")
        out.append(f"    tables with rows: {', '.join(filled) or '(none)'}")
    finally:
        con.close()


def ro(path):
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def event_summary(rows):
    roles = {}
    calls = []
    compressed = 0
    resets = 0
    for (ev,) in rows:
        if ev is None:
            compressed += 1
            continue
        e = json.loads(ev)
        if e.get("type") == "reset":
            resets += 1
        if e.get("type") == "message":
            m = e["message"]
            roles[m["role"]] = roles.get(m["role"], 0) + 1
            if isinstance(m.get("content"), list):
                calls += [p.get("name") for p in m["content"] if p.get("type") == "toolCall"]
    text = fmt_counts(roles)
    if calls:
        text += f"; tool calls: {', '.join(calls)}"
    if resets:
        text += f"; {resets} reset event(s)"
    if compressed:
        text += f"; {compressed} zstd-compressed events"
    return text


def describe_agent_db(agent, path, out):
    con = ro(path)
    try:
        for key, sid in con.execute("select session_key, current_session_id from session_nodes order by session_key"):
            rows = con.execute("select event_json from transcript_events where session_id = ? order by seq", (sid,)).fetchall()
            out.append(f"session {key} -> {sid} (agents/{agent}/agent/openclaw-agent.sqlite): {event_summary(rows)}")
        for sid, key, prev, reason in con.execute(
            "select session_id, session_key, previous_session_id, reason from session_windows "
            "where session_id not in (select current_session_id from session_nodes) order by session_key"
        ):
            rows = con.execute("select event_json from transcript_events where session_id = ? order by seq", (sid,)).fetchall()
            out.append(f"earlier session window {sid} of {key} (reason {reason}): {event_summary(rows)}")
        for sid, key, prev, reason in con.execute(
            "select session_id, session_key, previous_session_id, reason from session_windows where previous_session_id is not null"
        ):
            out.append(f"session window {sid} of {key} follows {prev} (reason {reason})")
    finally:
        con.close()


def describe_state_db(path, out):
    con = ro(path)
    try:
        for name, agent, kind, enabled, job in con.execute(
            "select name, agent_id, payload_kind, enabled, job_json from cron_jobs order by sort_order, name"
        ):
            sched = json.loads(job).get("schedule")
            out.append(f"cron job {name!r} (state db): {json.dumps(sched, sort_keys=True)} agent {agent} payload {kind} enabled {enabled}")
        for ch, acc, entry in con.execute("select channel_key, account_id, entry from channel_pairing_allow_entries order by 1, 2, 3"):
            out.append(f"pairing allow entry (state db): {ch} account {acc}: {entry}")
        for row in con.execute("select count(*) from channel_pairing_requests"):
            out.append(f"pending pairing requests (state db): {row[0]}")
    finally:
        con.close()


def main():
    root = sys.argv[1]
    home = os.path.join(root, ".openclaw")
    out = []
    vfile = os.path.join(root, "OPENCLAW_VERSION")
    if os.path.exists(vfile):
        out.append(f"OpenClaw {open(vfile).read().strip()}")
    cfg = load_json5(os.path.join(home, "openclaw.json"))
    agents_cfg = cfg.get("agents", {})
    if "entries" in agents_cfg:  # 2026.9: a map by id
        ids = list(agents_cfg["entries"])
    else:  # up to mid-2026: a list
        ids = [a["id"] for a in agents_cfg.get("list", [])]
    out.append("agents: " + ", ".join(ids))
    for b in cfg.get("bindings", []):
        out.append(f"binding: {b.get('agentId')} <- {json.dumps(b.get('match'), sort_keys=True)}")
    tg = cfg.get("channels", {}).get("telegram", {})
    if tg:
        out.append(f"telegram: botToken {json.dumps(tg.get('botToken'))}, dmPolicy {tg.get('dmPolicy')}, allowFrom {tg.get('allowFrom')}")
        for acc, a in (tg.get("accounts") or {}).items():
            out.append(f"telegram account {acc}: {json.dumps(a, sort_keys=True)}")
    agents_dir = os.path.join(home, "agents")
    for agent in sorted(os.listdir(agents_dir)) if os.path.isdir(agents_dir) else []:
        sdir = os.path.join(agents_dir, agent, "sessions")
        store = os.path.join(sdir, "sessions.json")
        if os.path.exists(store):
            entries = load_json5(store)
            for key in sorted(entries):
                sid = entries[key].get("sessionId")
                tpath = os.path.join(sdir, f"{sid}.jsonl")
                if os.path.exists(tpath):
                    roles, calls, _ = transcript_summary(tpath)
                    extra = f"; tool calls: {', '.join(calls)}" if calls else ""
                    out.append(f"session {key} -> {sid}.jsonl: {fmt_counts(roles)}{extra}")
                else:
                    out.append(f"session {key} -> {sid} (no transcript file)")
        if os.path.isdir(sdir):
            for name in sorted(os.listdir(sdir)):
                if ".jsonl.reset." in name or ".jsonl.deleted." in name:
                    roles, calls, _ = transcript_summary(os.path.join(sdir, name))
                    out.append(f"archive agents/{agent}/sessions/{name}: {fmt_counts(roles)}")
    for agent in sorted(os.listdir(agents_dir)) if os.path.isdir(agents_dir) else []:
        db = os.path.join(agents_dir, agent, "agent", "openclaw-agent.sqlite")
        if os.path.exists(db):
            describe_agent_db(agent, db, out)
    state_db = os.path.join(home, "state", "openclaw.sqlite")
    if os.path.exists(state_db):
        describe_state_db(state_db, out)
    for dirpath, _, files in sorted(os.walk(home)):
        for name in sorted(files):
            if name.endswith(".sqlite"):
                p = os.path.join(dirpath, name)
                out.append(f"database {os.path.relpath(p, home)}")
                describe_sqlite(p, out)
    for rel in ("cron/jobs.json",):
        p = os.path.join(home, rel)
        if os.path.exists(p):
            jobs = load_json5(p).get("jobs", [])
            for j in jobs:
                out.append(f"cron job {j.get('name')!r}: {json.dumps(j.get('schedule'), sort_keys=True)} agent {j.get('agentId')}")
    cred = os.path.join(home, "credentials")
    if os.path.isdir(cred):
        for name in sorted(os.listdir(cred)):
            out.append(f"credentials/{name}: {json.dumps(load_json5(os.path.join(cred, name)), sort_keys=True)[:300]}")
    for dirpath, _, files in sorted(os.walk(home)):
        for name in sorted(files):
            p = os.path.join(dirpath, name)
            out.append(f"  {os.path.getsize(p):>8}  {os.path.relpath(p, root)}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
