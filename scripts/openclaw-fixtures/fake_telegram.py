#!/usr/bin/env python3
"""A minimal Telegram Bot API on 127.0.0.1, for making OpenClaw fixtures.

OpenClaw's Telegram channel takes `channels.telegram.apiRoot`, so its bot talks to
this server instead of Telegram: `/bot<token>/<method>`. getUpdates hands out the
updates queued through the control endpoints; sendMessage and the like are recorded.

Control endpoints (used by make-openclaw-fixtures.sh):
  POST /control/dm    {"from_id": 555000111, "first_name": "Jonas", "username": "jonas", "text": "hi"}
                      queues a private-chat message from that user
  GET  /control/sent  every message the bot sent, as a JSON list of {token, method, params}
  GET  /control/polls how many getUpdates calls were answered (to know the bot is polling)

Usage: fake_telegram.py PORT [LOG_FILE]
"""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_cond = threading.Condition()
_updates = []  # every update ever queued, update_id ascending
_sent = []
_polls = [0]
_ids = {"update": 100000, "message": 1}


def bot_user(token):
    bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": "Fixture Bot",
        "username": f"fixture_{bot_id}_bot",
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_file = None

    def log_message(self, fmt, *args):
        pass

    def log(self, record):
        if self.log_file:
            with open(self.log_file, "a") as f:
                f.write(json.dumps(record) + "\n")

    def reply(self, obj, status=200):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def params(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        if not raw:
            return {}
        if "json" in ctype:
            try:
                return json.loads(raw)
            except json.JSONDecodeError:
                return {}
        if "x-www-form-urlencoded" in ctype:
            from urllib.parse import parse_qsl

            return dict(parse_qsl(raw.decode()))
        return {"_raw_content_type": ctype}

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def route(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("/control/"):
            return self.control(path)
        parts = path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            return self.reply({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        token, method = parts[0][3:], parts[1]
        params = self.params()
        self.log({"method": method, "params": params if method != "getUpdates" else {}})
        if method == "getMe":
            return self.reply({"ok": True, "result": bot_user(token)})
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            timeout = min(float(params.get("timeout") or 0), 1.0)
            deadline = time.monotonic() + timeout
            with _cond:
                while True:
                    ready = [u for u in _updates if u["update_id"] >= offset and u.get("_for") in (None, token)]
                    left = deadline - time.monotonic()
                    if ready or left <= 0:
                        break
                    _cond.wait(left)
                _polls[0] += 1
            out = [{k: v for k, v in u.items() if k != "_for"} for u in ready]
            return self.reply({"ok": True, "result": out})
        if method in ("sendMessage", "editMessageText", "sendPhoto", "sendDocument"):
            with _cond:
                _sent.append({"token": token, "method": method, "params": params})
                _ids["message"] += 1
                mid = _ids["message"]
            chat_id = params.get("chat_id")
            try:
                chat_id = int(chat_id)
            except (TypeError, ValueError):
                pass
            return self.reply(
                {
                    "ok": True,
                    "result": {
                        "message_id": mid,
                        "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private"},
                        "from": bot_user(token),
                        "text": params.get("text", ""),
                    },
                }
            )
        if method == "getChat":
            return self.reply({"ok": True, "result": {"id": params.get("chat_id"), "type": "private"}})
        if method == "getMyCommands":
            return self.reply({"ok": True, "result": []})
        if method == "getWebhookInfo":
            return self.reply({"ok": True, "result": {"url": "", "has_custom_certificate": False, "pending_update_count": 0}})
        # setMyCommands, deleteWebhook, sendChatAction, setMessageReaction, ...
        return self.reply({"ok": True, "result": True})

    def control(self, path):
        if path == "/control/dm":
            p = self.params()
            with _cond:
                _ids["update"] += 1
                _ids["message"] += 1
                user = {"id": int(p["from_id"]), "is_bot": False, "first_name": p.get("first_name", "Fixture")}
                if p.get("username"):
                    user["username"] = p["username"]
                chat = dict(user, type="private")
                chat.pop("is_bot")
                update = {
                    "update_id": _ids["update"],
                    "message": {
                        "message_id": _ids["message"],
                        "date": int(time.time()),
                        "chat": chat,
                        "from": user,
                        "text": p["text"],
                    },
                }
                if p.get("bot_token"):
                    update["_for"] = p["bot_token"]
                _updates.append(update)
                _cond.notify_all()
            return self.reply({"ok": True, "update_id": update["update_id"]})
        if path == "/control/sent":
            with _cond:
                return self.reply(list(_sent))
        if path == "/control/polls":
            with _cond:
                return self.reply({"polls": _polls[0]})
        return self.reply({"ok": False}, 404)


def main():
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        print("usage: fake_telegram.py PORT [LOG_FILE]", file=sys.stderr)
        sys.exit(2)
    Handler.log_file = sys.argv[2] if len(sys.argv) > 2 else None
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()


if __name__ == "__main__":
    main()
