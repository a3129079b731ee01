//! Provider tests against real HTTP servers on 127.0.0.1.
