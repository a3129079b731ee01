#!/usr/bin/env python3
"""A scripted OpenAI chat-completions server on 127.0.0.1, for making OpenClaw fixtures.

The Node OpenClaw is onboarded against it as a custom provider
(`--custom-compatibility openai`), so it speaks `POST /v1/chat/completions`
(streamed as server-sent events when the request asks for it) and `GET /v1/models`.

Replies are scripted by the newest user message: the first entry of SCRIPT whose
trigger it contains decides. A script is a list of steps; the step taken is the
number of tool results that came after that user message, so a script of
[tool call, tool call, text] makes the agent call two tools and then answer.
Anything else gets DEFAULT_REPLY. Nothing depends on the clock or the machine,
so the replies in the committed transcripts are the same on every run.

Usage: fake_model.py PORT [LOG_FILE]
Serves on 127.0.0.1:PORT until killed; LOG_FILE gets one JSON line per request.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_ID = "fake-model"
DEFAULT_REPLY = "Got it."

SCRIPT = [
    (
        "shopping list",
        [
            {"tool": "write", "args": {"path": "shopping-list.md", "content": "- oat milk\n- coffee beans\n"}},
            {"tool": "read", "args": {"path": "shopping-list.md"}},
            {"text": "Saved your shopping list to shopping-list.md: oat milk and coffee beans."},
        ],
    ),
    (
        "what is in notes.txt",
        [
            {"tool": "exec", "args": {"command": "cat notes.txt"}},
            {"text": "notes.txt says: water the plants on Friday."},
        ],
    ),
    (
        "please remember",
        [
            {"tool": "write", "args": {"path": "MEMORY.md", "content": "# Memory\n\n- Favourite colour: teal.\n- Dentist appointments are on Tuesdays.\n"}},
            {
                "tool": "write",
                "args": {"path": "memory/2026-11-20.md", "content": "# 2026-11-20\n\n- Told me their favourite colour is teal.\n"},
            },
            {"text": "Noted in MEMORY.md and today's memory log."},
        ],
    ),
    ("weather", [{"text": "I cannot see the weather from here, but it is probably fine."}]),
    ("remind me", [{"text": "I will remind you about the dentist on Tuesday."}]),
    ("deploy", [{"text": "The deploy checklist has three steps: build, test, ship."}]),
    ("start over", [{"text": "Fresh start: what shall we work on?"}]),
    ("status report", [{"text": "Status: all systems nominal."}]),
    ("cron", [{"text": "Morning summary: nothing new overnight."}]),
    ("good morning", [{"text": "Good morning! Here is your summary: nothing new."}]),
    ("hello", [{"text": "Hello! I am the fixture assistant."}]),
]

_lock = threading.Lock()
_counter = [0]


def next_id(prefix):
    with _lock:
        _counter[0] += 1
        return f"{prefix}{_counter[0]:06d}"


def text_of(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def choose(messages, tool_names):
    """Returns ("text", str) or ("tool", name, args)."""
    # The newest user message that a person wrote: OpenClaw 2026.9 appends a user
    # message of its own runtime context after it.
    last_user = None
    for i in range(len(messages) - 1, -1, -1):
        if messages[i].get("role") == "user" and "OPENCLAW_INTERNAL_CONTEXT" not in text_of(messages[i].get("content")):
            last_user = i
            break
    if last_user is None:
        return ("text", DEFAULT_REPLY)
    user_text = text_of(messages[last_user].get("content")).lower()
    step = sum(1 for m in messages[last_user + 1 :] if m.get("role") == "tool")
    for trigger, steps in SCRIPT:
        if trigger in user_text:
            s = steps[min(step, len(steps) - 1)]
            if "tool" in s:
                if s["tool"] not in tool_names:
                    return ("text", f"(the {s['tool']} tool is not available here)")
                return ("tool", s["tool"], s["args"])
            return ("text", s["text"])
    return ("text", DEFAULT_REPLY)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_file = None

    def log_message(self, fmt, *args):
        pass

    def log(self, record):
        if self.log_file:
            with _lock, open(self.log_file, "a") as f:
                f.write(json.dumps(record) + "\n")

    def send_json(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            self.send_json(200, {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "owned_by": "fixtures"}]})
        else:
            self.send_json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            req = json.loads(raw or b"{}")
        except json.JSONDecodeError as e:
            self.send_json(400, {"error": {"message": f"bad json: {e}"}})
            return
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self.log({"path": self.path, "unhandled": True})
            self.send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        messages = req.get("messages") or []
        tool_names = [t.get("function", {}).get("name") for t in req.get("tools") or []]
        decision = choose(messages, tool_names)
        self.log(
            {
                "path": self.path,
                "stream": bool(req.get("stream")),
                "n_messages": len(messages),
                "roles": [m.get("role") for m in messages],
                "last": text_of(messages[-1].get("content"))[-200:] if messages else "",
                "tools": tool_names,
                "decision": decision,
            }
        )
        prompt_tokens = sum(len(text_of(m.get("content"))) for m in messages) // 4
        cid = next_id("chatcmpl-fixture")
        if decision[0] == "tool":
            call = {
                "id": next_id("call_fixture"),
                "type": "function",
                "function": {"name": decision[1], "arguments": json.dumps(decision[2])},
            }
            message = {"role": "assistant", "content": None, "tool_calls": [call]}
            finish = "tool_calls"
            completion_tokens = 20
        else:
            message = {"role": "assistant", "content": decision[1]}
            finish = "stop"
            completion_tokens = max(1, len(decision[1]) // 4)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        if not req.get("stream"):
            self.send_json(
                200,
                {
                    "id": cid,
                    "object": "chat.completion",
                    "created": 1767225600,
                    "model": MODEL_ID,
                    "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                    "usage": usage,
                },
            )
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

        def chunk(delta, finish_reason=None, with_usage=None):
            obj = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": 1767225600,
                "model": MODEL_ID,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}] if delta is not None else [],
            }
            if with_usage:
                obj["usage"] = with_usage
            self.wfile.write(b"data: " + json.dumps(obj).encode() + b"\n\n")
            self.wfile.flush()

        chunk({"role": "assistant", "content": ""})
        if decision[0] == "tool":
            call = message["tool_calls"][0]
            chunk(
                {
                    "tool_calls": [
                        {"index": 0, "id": call["id"], "type": "function", "function": {"name": call["function"]["name"], "arguments": ""}}
                    ]
                }
            )
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": call["function"]["arguments"]}}]})
        else:
            words = decision[1].split(" ")
            for i, w in enumerate(words):
                chunk({"content": w if i == 0 else " " + w})
        chunk({}, finish)
        chunk(None, with_usage=usage)
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


def main():
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        print("usage: fake_model.py PORT [LOG_FILE]", file=sys.stderr)
        sys.exit(2)
    Handler.log_file = sys.argv[2] if len(sys.argv) > 2 else None
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
