//! An agent's workspace: bootstrap files written from built-in templates.
