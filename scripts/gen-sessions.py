#!/usr/bin/env python3
"""Generate an openclaw home with many sessions, for scripts/bench-sessions.sh.

usage: gen-sessions.py HOME AGENT COUNT [--stale N] [--transcripts]

Writes HOME/gateway.json5 (agents main and AGENT, daily reset at 04:00 UTC) and
HOME/agents/AGENT/state/sessions.json with COUNT entries spread over the last 30 days.
With --stale N, the first N entries started two days ago (stale under the daily policy) and the
rest started now. With --transcripts, every stale entry also gets a small live transcript.
"""
import json, os, random, sys, time, uuid

def main():
    home, agent, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    stale = int(sys.argv[sys.argv.index("--stale") + 1]) if "--stale" in sys.argv else None
    transcripts = "--transcripts" in sys.argv
    rng = random.Random(42)
    now = int(time.time() * 1000)
    state = os.path.join(home, "agents", agent, "state")
    tdir = os.path.join(state, "transcripts")
    os.makedirs(tdir, exist_ok=True)
    with open(os.path.join(home, "gateway.json5"), "w") as f:
        f.write('{ agents: { main: {}, %s: {} },\n  session: { reset: { mode: "daily", atHour: 4, timezone: "UTC" } } }\n' % agent)
    channels = ["telegram", "discord", "whatsapp", "slack", "signal"]
    parts = []
    for i in range(count):
        ch = channels[i % len(channels)]
        if i % 7 == 0:
            key = f"agent:{agent}:{ch}:channel:{100000000 + i}"
            chat = "group"
        else:
            key = f"agent:{agent}:{ch}:peer:user{i}"
            chat = "direct"
        if stale is None:
            last = now - rng.randrange(0, 30 * 86400 * 1000)
            started = last - rng.randrange(0, 3600 * 1000)
        elif i < stale:
            started = now - 2 * 86400 * 1000
            last = started + 60_000
        else:
            started = last = now
        sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        entry = {
            "sessionId": sid, "createdAt": started - 86400000, "updatedAt": last,
            "sessionStartedAt": started, "lastInteractionAt": last, "channel": ch,
            "accountId": "default", "peer": f"user{i}", "chatType": chat,
            "displayName": f"User {i}", "messageCount": rng.randrange(1, 200),
            "inputTokens": rng.randrange(0, 100000), "outputTokens": rng.randrange(0, 20000),
            "model": "openai/gpt-4o-mini", "resetReason": "daily",
        }
        parts.append(json.dumps(key) + ": " + json.dumps(entry, separators=(",", ":")))
        if transcripts and stale is not None and i < stale:
            ts = "2026-11-22T10:00:00.000Z"
            lines = [
                {"type": "session", "version": 1, "id": sid, "key": key, "agent": agent, "createdAt": ts},
                {"type": "message", "id": "m1", "ts": ts, "role": "user", "content": "hello"},
                {"type": "message", "id": "m2", "ts": ts, "role": "assistant", "content": "hi there"},
            ]
            with open(os.path.join(tdir, key + ".jsonl"), "w") as f:
                f.write("".join(json.dumps(l, separators=(",", ":")) + "\n" for l in lines))
    with open(os.path.join(state, "sessions.json"), "w") as f:
        f.write("{\n  " + ",\n  ".join(parts) + "\n}\n")

main()
