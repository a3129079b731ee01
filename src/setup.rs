//! Creating the home (`openclaw init`, and `openclaw gateway start` on a fresh machine).

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::agent::workspace::{self, Identity};
use crate::home::Home;
use crate::store::{self, IoError, PRIVATE_DIR, PRIVATE_FILE};

/// Why the home could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// A file or directory could not be created.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The existing gateway.json5 cannot be read.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

/// What [`init`] did.
#[derive(Debug, Default)]
pub struct Initialised {
    /// Paths created, in order; empty when everything existed.
    pub created: Vec<PathBuf>,
    /// The default agent.
    pub agent: String,
    /// Config warnings.
    pub warnings: Vec<String>,
}

/// Creates what is missing of the home: the directory (0700), a commented gateway.json5 (0600),
/// the standard directories and the default agent's workspace. Existing files are never touched.
pub fn init(home: &Home) -> Result<Initialised, InitError> {
    let mut created = Vec::new();
    if !home.root().is_dir() {
        store::create_dir_private(home.root())?;
        created.push(home.root().to_path_buf());
    }
    // A pre-existing home directory created by someone else may be group/world readable.
    let root = home.root();
    let meta = std::fs::metadata(root).map_err(IoError::at("reading", root))?;
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(PRIVATE_DIR))
            .map_err(IoError::at("changing the mode of", root))?;
    }
    let config = home.config_path();
    if store::write_new(&config, crate::config::TEMPLATE.as_bytes(), PRIVATE_FILE)? {
        created.push(config);
    }
    for dir in
        [home.agents_dir(), home.credentials_dir(), home.cron_dir(), home.gateway_dir(), home.logs_dir()]
    {
        if !dir.is_dir() {
            store::create_dir_private(&dir)?;
            created.push(dir);
        }
    }
    let loaded = crate::config::load_lenient(&home.config_path())?;
    let main = loaded.config.default_agent.clone();
    let model = loaded.config.agents.get(&main).and_then(|a| a.model.clone());
    let identity = Identity {
        name: workspace::default_name(&main),
        model: model.or(loaded.config.models.default.clone()).unwrap_or_else(|| "(not set)".into()),
    };
    created.extend(workspace::create(home, &main, &identity)?);
    Ok(Initialised { created, agent: main, warnings: loaded.warnings })
}
