//! Readiness: whether any model can answer for an agent, and if not, exactly why and what to do.
//!
//! The check is the resolution a turn makes ([`super::router::settings`] and the checks of
//! [`super::Provider::new`]) run ahead of time for the agent's model and every fallback, without
//! the network: a key that is set but wrong, or a server that is down, shows only when a request
//! is made (`openclaw onboard` makes one). It covers no model at all, a ref that is not
//! `provider/model`, a provider that is neither configured nor well known, a key that is missing
//! (its variable unset, or a `${VAR}` left unresolved by a lenient load), and a bad `api` or
//! `baseUrl`. `config validate`, `doctor`, the web chat's setup card and `send`'s hint all read
//! it from here, so they say the same thing.

use serde::Serialize;

use super::{ProviderError, router};
use crate::config::{Config, ModelsConfig};

/// What is wrong and what to do about it, in three parts a screen can lay out: the problem (one
/// sentence), the fix (one or two sentences) and one command to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setup {
    /// What is wrong, naming the model, the provider or the variable.
    pub problem: String,
    /// What to do.
    pub fix: String,
    /// The command that does it (or its first step), ready to copy.
    pub command: String,
}

/// One model of an agent's chain that cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelProblem {
    /// The `provider/model` ref; `None` when no model is configured at all.
    pub model: Option<String>,
    /// Why and what to do.
    #[serde(flatten)]
    pub setup: Setup,
}

/// Readiness of one agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentReadiness {
    /// The agent id.
    pub agent: String,
    /// Its primary model: `agents.<id>.model`, else `models.default`.
    pub model: Option<String>,
    /// The first model of the chain (primary, then `models.fallbacks`) that can answer.
    pub answers: Option<String>,
    /// Every model of the chain that cannot, in chain order.
    pub problems: Vec<ModelProblem>,
}

impl AgentReadiness {
    /// Whether some model of the chain can answer.
    pub fn ready(&self) -> bool {
        self.answers.is_some()
    }

    /// What to set up when no model can answer: the primary model's problem.
    pub fn setup(&self) -> Option<&Setup> {
        if self.ready() { None } else { self.problems.first().map(|p| &p.setup) }
    }
}

/// One line of a readiness report (`config validate`, `doctor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// True when the agent cannot answer at all; false for a broken model another one covers.
    pub error: bool,
    /// One sentence naming the agent and the model.
    pub message: String,
    /// What to do.
    pub hint: String,
}

impl AgentReadiness {
    /// What a report says about this agent: nothing when every model of its chain can answer.
    pub fn notes(&self) -> Vec<Note> {
        let agent = &self.agent;
        self.problems
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let is_primary = p.model == self.model;
                let message = match (&self.answers, is_primary) {
                    (None, _) if i == 0 => format!("agent {agent}: no model can answer: {}", p.setup.problem),
                    (Some(by), true) => {
                        format!(
                            "agent {agent}: its model cannot answer ({}); turns fall back to {by}",
                            p.setup.problem
                        )
                    }
                    _ => format!(
                        "agent {agent}: fallback {}: {}",
                        p.model.as_deref().unwrap_or("?"),
                        p.setup.problem
                    ),
                };
                Note { error: self.answers.is_none() && i == 0, message, hint: p.setup.fix.clone() }
            })
            .collect()
    }
}

/// Readiness of every agent of `config`, in file order, with the process environment.
pub fn check(config: &Config) -> Vec<AgentReadiness> {
    config.agents.keys().map(|agent| check_agent(config, agent)).collect()
}

/// Readiness of one agent, with the process environment.
pub fn check_agent(config: &Config, agent: &str) -> AgentReadiness {
    check_agent_with(config, agent, &|v| std::env::var(v).ok())
}

/// [`check_agent`] with the environment read through `env`.
pub fn check_agent_with(
    config: &Config,
    agent: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> AgentReadiness {
    let own = config.agents.get(agent).and_then(|a| a.model.as_deref());
    let primary =
        own.or(config.models.default.as_deref()).map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned);
    let mut out =
        AgentReadiness { agent: agent.to_owned(), model: primary.clone(), answers: None, problems: vec![] };
    let Some(primary) = primary else {
        out.problems.push(ModelProblem { model: None, setup: no_model() });
        return out;
    };
    for model in router::chain(&config.models, &primary) {
        match model_setup(&config.models, &model, env) {
            None => {
                if out.answers.is_none() {
                    out.answers = Some(model);
                }
            }
            Some(setup) => out.problems.push(ModelProblem { model: Some(model), setup }),
        }
    }
    out
}

/// Why `model_ref` cannot answer, or `None` when nothing short of a request says it cannot.
fn model_setup(
    models: &ModelsConfig,
    model_ref: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<Setup> {
    let (name, cfg, _) = match router::settings(models, model_ref, env) {
        Ok(found) => found,
        Err(e) => return setup_for(&e),
    };
    if let Some(var) = cfg.api_key.as_deref().and_then(unresolved_var).filter(|v| env(v).is_none()) {
        return Some(Setup {
            problem: format!(
                "model {model_ref} needs {var} (models.providers.{name}.apiKey is \"${{{var}}}\"), which is not set"
            ),
            fix: format!(
                "Export {var} in the gateway's environment and restart the gateway, or run `openclaw onboard` to set up another provider."
            ),
            command: format!("export {var}=…"),
        });
    }
    match super::Provider::check(name, &cfg) {
        Ok(_) => None,
        Err(e) => setup_for(&e),
    }
}

/// `NAME` when `value` is exactly a `${NAME}` reference (left as text by a lenient load).
fn unresolved_var(value: &str) -> Option<&str> {
    let name = value.trim().strip_prefix("${")?.strip_suffix('}')?;
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then_some(name)
}

fn no_model() -> Setup {
    Setup {
        problem: "no model is configured".into(),
        fix: "Set models.default in gateway.json5 (e.g. \"openai/gpt-4o-mini\" with OPENAI_API_KEY exported), or run `openclaw onboard`, which sets up a provider and checks it.".into(),
        command: "openclaw onboard".into(),
    }
}

/// The setup a model error calls for, when it is one the owner fixes in the configuration or the
/// environment (no model, an unknown provider, a missing or refused key, a bad `api` or
/// `baseUrl`). `None` for what a retry or the provider fixes (overload, outage, a broken stream).
/// Holds nothing the server said: it is shown to chat users.
pub fn setup_for(e: &ProviderError) -> Option<Setup> {
    let onboard = || "openclaw onboard".to_owned();
    Some(match e {
        ProviderError::NoModel => no_model(),
        ProviderError::BadModelRef { model } => Setup {
            problem: format!("model \"{model}\" is not written provider/model"),
            fix: "Write it as provider/model (e.g. openai/gpt-4o-mini) in gateway.json5, or run `openclaw onboard`.".into(),
            command: onboard(),
        },
        ProviderError::UnknownProvider { model, provider, .. } => {
            let known: Vec<&str> = super::WELL_KNOWN.iter().map(|w| w.name).collect();
            Setup {
                problem: format!(
                    "model {model} names provider \"{provider}\", which is neither in models.providers nor built in ({})",
                    known.join(", ")
                ),
                fix: format!(
                    "Add models.providers.{provider} (api, baseUrl, apiKey) to gateway.json5, or use a model of a built-in provider; `openclaw onboard` does either."
                ),
                command: onboard(),
            }
        }
        ProviderError::MissingEnvKey { model, var, .. } => Setup {
            problem: format!("model {model} needs {var}, which is not set"),
            fix: format!(
                "Export {var} in the gateway's environment and restart the gateway, or run `openclaw onboard` to set up another provider."
            ),
            command: format!("export {var}=…"),
        },
        ProviderError::MissingKey { provider } => match super::well_known(provider).and_then(|w| w.key_var) {
            Some(var) => Setup {
                problem: format!("models.providers.{provider} has no apiKey and {var} is not set"),
                fix: format!(
                    "Export {var} in the gateway's environment and restart the gateway, or run `openclaw onboard`."
                ),
                command: format!("export {var}=…"),
            },
            None => {
                let var = format!("{}_API_KEY", provider.to_ascii_uppercase().replace(['-', '.'], "_"));
                Setup {
                    problem: format!("models.providers.{provider} has no apiKey"),
                    fix: format!(
                        "Give it the variable {var} (apiKey: \"${{{var}}}\"), export {var} and restart the gateway, or run `openclaw onboard`."
                    ),
                    command: format!("openclaw config set models.providers.{provider}.apiKey '${{{var}}}'"),
                }
            }
        },
        ProviderError::UnknownApi { .. } | ProviderError::BadBaseUrl { .. } | ProviderError::BadKey { .. } => Setup {
            problem: e.to_string(),
            fix: "Correct it in gateway.json5, or run `openclaw onboard` to set the provider up again.".into(),
            command: onboard(),
        },
        ProviderError::Http { target, status: status @ (401 | 403), .. } => {
            let var = super::well_known(&target.provider).and_then(|w| w.key_var);
            Setup {
                problem: format!(
                    "{} refused the API key of provider {} (HTTP {status})",
                    target.host, target.provider
                ),
                fix: match var {
                    Some(var) => format!(
                        "Export a valid key in {var} (or the variable models.providers.{}.apiKey names) and restart the gateway, or run `openclaw onboard`.",
                        target.provider
                    ),
                    None => format!(
                        "Put a valid key in the variable models.providers.{}.apiKey names and restart the gateway, or run `openclaw onboard`.",
                        target.provider
                    ),
                },
                command: onboard(),
            }
        }
        ProviderError::AllFailed { attempts } => return attempts.iter().find_map(|a| setup_for(&a.error)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        crate::config::parse_lenient(std::path::Path::new("gateway.json5"), text).expect("config").config
    }

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn a_well_known_provider_is_ready_when_its_key_is_set() {
        let c = config("{ models: { default: 'openai/gpt-4o-mini' } }");
        let r = check_agent_with(&c, "main", &env(&[]));
        assert!(!r.ready());
        let s = r.setup().unwrap();
        assert_eq!(s.problem, "model openai/gpt-4o-mini needs OPENAI_API_KEY, which is not set");
        assert_eq!(s.command, "export OPENAI_API_KEY=…");
        assert!(s.fix.contains("openclaw onboard"), "{}", s.fix);
        let r = check_agent_with(&c, "main", &env(&[("OPENAI_API_KEY", "sk-x")]));
        assert_eq!((r.ready(), r.answers.as_deref()), (true, Some("openai/gpt-4o-mini")));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn no_model_at_all_and_bad_refs() {
        let r = check_agent_with(&config("{}"), "main", &env(&[]));
        assert_eq!(r.model, None);
        assert_eq!(r.setup().unwrap().problem, "no model is configured");
        assert_eq!(r.setup().unwrap().command, "openclaw onboard");
        // The loader refuses these; readiness still says what is wrong if one gets through.
        let mut c = config("{}");
        c.models.default = Some("gpt-4o".into());
        let r = check_agent_with(&c, "main", &env(&[]));
        assert_eq!(r.setup().unwrap().problem, "model \"gpt-4o\" is not written provider/model");
    }

    #[test]
    fn an_unknown_provider_is_named_with_the_known_ones() {
        let c = config(
            "{ models: { default: 'mistral/large' }, agents: { main: {}, jarvis: { model: 'local/qwen' } } }",
        );
        let r = check_agent_with(&c, "main", &env(&[]));
        assert_eq!(
            r.setup().unwrap().problem,
            "model mistral/large names provider \"mistral\", which is neither in models.providers nor built in (openai, anthropic, openrouter, ollama, local)"
        );
        assert!(r.setup().unwrap().fix.contains("models.providers.mistral"));
        // Per agent: jarvis's own model needs no key.
        let r = check_agent_with(&c, "jarvis", &env(&[]));
        assert_eq!(r.answers.as_deref(), Some("local/qwen"));
    }

    #[test]
    fn fallbacks_answer_when_the_primary_cannot_and_their_problems_are_listed() {
        let c = config(
            "{ models: { default: 'anthropic/claude-x', fallbacks: ['openai/gpt-4o-mini', 'ollama/llama3'] } }",
        );
        let r = check_agent_with(&c, "main", &env(&[("OPENAI_API_KEY", "sk-x")]));
        assert_eq!(r.answers.as_deref(), Some("openai/gpt-4o-mini"));
        assert!(r.setup().is_none());
        let broken: Vec<_> = r.problems.iter().map(|p| p.model.as_deref().unwrap()).collect();
        assert_eq!(broken, ["anthropic/claude-x"]);
        assert_eq!(r.problems[0].setup.command, "export ANTHROPIC_API_KEY=…");
    }

    #[test]
    fn configured_providers_missing_or_unresolved_keys() {
        // Hosted endpoint, no key, no usual variable to fall back on.
        let c = config(
            "{ models: { default: 'corp/m', providers: { corp: { api: 'openai', baseUrl: 'https://api.openai.com/v1' } } } }",
        );
        let s = check_agent_with(&c, "main", &env(&[])).setup().cloned().unwrap();
        assert_eq!(s.problem, "models.providers.corp has no apiKey");
        assert_eq!(s.command, "openclaw config set models.providers.corp.apiKey '${CORP_API_KEY}'");
        // A `${VAR}` a lenient load left as text.
        let c = config(
            "{ models: { default: 'openai/m', providers: { openai: { api: 'openai', apiKey: '${MY_KEY}' } } } }",
        );
        let s = check_agent_with(&c, "main", &env(&[])).setup().cloned().unwrap();
        assert_eq!(
            s.problem,
            "model openai/m needs MY_KEY (models.providers.openai.apiKey is \"${MY_KEY}\"), which is not set"
        );
        assert_eq!(s.command, "export MY_KEY=…");
        // A local server takes no key; a bad api is named.
        let c = config(
            "{ models: { default: 'box/m', providers: { box: { api: 'openai', baseUrl: 'http://127.0.0.1:9/v1' } } } }",
        );
        assert!(check_agent_with(&c, "main", &env(&[])).ready());
        let mut c = config("{ models: { default: 'box/m', providers: { box: { api: 'openai' } } } }");
        c.models.providers["box"].api = "grpc".into();
        let s = check_agent_with(&c, "main", &env(&[])).setup().cloned().unwrap();
        assert!(s.problem.contains("models.providers.box.api is \"grpc\""), "{}", s.problem);
    }

    #[test]
    fn a_refused_key_is_a_setup_problem_and_an_outage_is_not() {
        let target = super::super::Target {
            provider: "openai".into(),
            model: "m".into(),
            host: "api.openai.com".into(),
        };
        let refused = ProviderError::Http {
            target: target.clone(),
            status: 401,
            message: "Incorrect API key provided: sk-SECRET".into(),
            retry_after: None,
            key_missing: false,
        };
        let s = setup_for(&refused).unwrap();
        assert_eq!(s.problem, "api.openai.com refused the API key of provider openai (HTTP 401)");
        assert!(!format!("{s:?}").contains("sk-SECRET"));
        let down = ProviderError::Http {
            target: target.clone(),
            status: 503,
            message: "overloaded".into(),
            retry_after: None,
            key_missing: false,
        };
        assert_eq!(setup_for(&down), None);
        assert_eq!(setup_for(&ProviderError::Transport { target, detail: "refused".into() }), None);
    }
}
