"""Drives the gateway's OpenAI-compatible endpoint with the official `openai` SDK.

Run by tests/gateway/openai_sdk.rs with OPENAI_BASE_URL (the gateway's /v1) and OPENAI_API_KEY
(its token) set; prints one line per check and exits non-zero on the first that fails.
"""

import sys

import openai

client = openai.OpenAI(max_retries=0, timeout=30)

models = client.models.list()
ids = sorted(m.id for m in models.data)
assert ids == ["openclaw/helper", "openclaw/main"], ids
assert all(m.object == "model" and m.owned_by == "openclaw" and m.created > 0 for m in models.data)
print("models.list", ids)

m = client.models.retrieve("openclaw/main")
assert m.id == "openclaw/main" and m.object == "model", m
print("models.retrieve", m.id)

try:
    client.models.retrieve("openclaw/nobody")
    sys.exit("models.retrieve of an unknown id did not fail")
except openai.NotFoundError as e:
    assert e.status_code == 404
    assert e.code == "model_not_found", e.body
    assert "openclaw/nobody" in e.message, e.message
    print("models.retrieve unknown: 404", e.code)

r = client.chat.completions.create(
    model="openclaw/main",
    user="sdk",
    messages=[{"role": "user", "content": "ping"}],
)
assert r.choices[0].message.content == "echo: ping", r
assert r.choices[0].finish_reason == "stop"
assert r.usage.prompt_tokens == 10 and r.usage.completion_tokens == 3 and r.usage.total_tokens == 13, r.usage
print("chat.completions.create:", r.choices[0].message.content)

stream = client.chat.completions.create(
    model="openclaw/main",
    user="sdk",
    messages=[{"role": "user", "content": "stream me"}],
    stream=True,
    stream_options={"include_usage": True},
)
text, usage, finish, after_usage = "", None, None, 0
for chunk in stream:
    if usage is not None:
        after_usage += 1
    if chunk.usage is not None:
        assert chunk.choices == [], chunk
        usage = chunk.usage
    for c in chunk.choices:
        text += c.delta.content or ""
        finish = c.finish_reason or finish
assert text == "echo: stream me", text
assert finish == "stop", finish
assert usage is not None and usage.total_tokens == 13, usage
assert after_usage == 0, "the usage chunk must be the last"
print("streamed:", text, "usage:", usage.prompt_tokens, usage.completion_tokens)

try:
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    sys.exit("an unknown model did not fail")
except openai.NotFoundError as e:
    assert e.code == "model_not_found" and e.param == "model", e.body
    print("unknown model: 404", e.code)

bad = openai.OpenAI(api_key="wrong", max_retries=0)
try:
    bad.models.list()
    sys.exit("a wrong key was accepted")
except openai.AuthenticationError as e:
    assert e.code == "invalid_api_key", e.body
    print("wrong key: 401", e.code)

print("all ok")
