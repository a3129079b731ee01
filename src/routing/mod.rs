//! Routing (DESIGN §5): bindings → agent → session key, as pure functions over the config.
