"""A small MCP server on the official Python SDK (PyPI `mcp`), for behaviours the reference
server does not have on demand: a slow tool, a crash mid-call, a tool list that changes, and a
look at the environment and directory it was started in. Started by tests/mcp over stdio.

Each start appends a line to `starts.log` in its working directory, so tests can count restarts.
"""

import asyncio
import json
import os
import sys
import threading

from mcp.server.mcpserver import Context, MCPServer

server = MCPServer("openclaw-test-server")

# ONE_LIFE=1: a restarted server refuses to come up (to test what the model is told then).
if os.environ.get("ONE_LIFE") and os.path.exists("starts.log"):
    sys.stderr.write("refusing a second life\n")
    sys.exit(4)

with open("starts.log", "a") as f:
    f.write(f"{os.getpid()}\n")


@server.tool()
def hello(name: str) -> str:
    """Greets someone by name."""
    return f"hello {name}"


@server.tool()
async def slow(seconds: float) -> str:
    """Waits the given number of seconds, then answers."""
    await asyncio.sleep(seconds)
    return f"slept {seconds}"


@server.tool()
def crash() -> str:
    """Kills the server process in the middle of the call."""
    os._exit(3)


@server.tool()
def exit_soon() -> str:
    """Answers, then the server exits a moment later (between calls)."""
    threading.Timer(0.05, lambda: os._exit(0)).start()
    return "bye"


@server.tool()
def fail() -> str:
    """Always fails."""
    raise ValueError("deliberate failure")


@server.tool()
def whoami() -> str:
    """The server's working directory and environment variable names."""
    return json.dumps({"cwd": os.getcwd(), "env": sorted(os.environ)})


def extra() -> str:
    """A tool added at run time."""
    return "extra tool here"


@server.tool()
async def grow(ctx: Context) -> str:
    """Adds the tool `extra` and tells the client its tool list changed."""
    server.add_tool(extra, name="extra")
    await ctx.request_context.session.send_tool_list_changed()
    return "grown"


if __name__ == "__main__":
    server.run()
