//! Comment-preserving edits of `gateway.json5`. A [`ConfigDoc`] holds the file's exclusive lock
//! from [`ConfigDoc::open`] until it is saved or dropped, so concurrent edits never lose an update;
//! [`ConfigDoc::save`] validates the new text with the loader and refuses to write an invalid
//! result. Edits operate on the raw text (`${VAR}` stays unexpanded); everything outside the
//! edited entry survives byte for byte, and new entries follow the file's own style (quotes,
//! unquoted keys, indentation, trailing commas, line endings).

use std::path::{Path, PathBuf};

use jsonc_parser::cst::{CstArray, CstContainerNode, CstInputValue, CstNode, CstObject, CstRootNode};
use jsonc_parser::{CollectOptions, ParseOptions};
use serde_json::Value;

use super::de::{Number, parse_number};
use super::path::{KeyPath, PathSeg};
use super::source::Source;
use super::syntax::{self, ObjectPropName, Value as Ast};
use super::{Binding, ConfigError, Loaded, MAIN_AGENT};
use crate::store::{self, FileLock};

const VALUE_MARK: &str = "__openclaw_edit_value__";
const KEY_MARK: &str = "__openclaw_edit_key__";

/// An open, locked `gateway.json5` being edited.
#[derive(Debug)]
pub struct ConfigDoc {
    path: PathBuf,
    bom: bool,
    text: String,
    original: String,
    _lock: FileLock,
}

impl ConfigDoc {
    /// Locks `path` exclusively and reads it; the lock is held until save or drop.
    pub fn open(path: &Path) -> Result<ConfigDoc, ConfigError> {
        let lock = FileLock::exclusive(path)?;
        let raw = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.into(), source })?;
        let bom = raw.starts_with('\u{feff}');
        let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw).to_string();
        let src = Source::new(&text);
        let ast = src.parse().map_err(|p| src.error(&path.display().to_string(), p))?;
        if !jsonc_reads_the_same(&text, ast.as_ref()) {
            let file = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            return Err(ConfigError::edit(
                format!("{file} is valid JSON5, but openclaw's comment-preserving editor would read it differently, so it does not edit it"),
                Some("quote any unquoted key written with a `\\u` escape or unusual characters, use plain line breaks and spaces (not U+2028, U+2029, U+FEFF), or edit the file by hand".into()),
            ));
        }
        Ok(ConfigDoc { path: path.into(), bom, original: text.clone(), text, _lock: lock })
    }

    /// The current text (without a byte-order mark).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Agent ids declared in the file, in file order (plus `main`, which always exists).
    pub fn agent_ids(&self) -> Vec<String> {
        let src = Source::new(&self.text);
        let mut ids = Vec::new();
        if let Ok(Some(Ast::Object(top))) = src.parse()
            && let Some(agents) = top.properties.iter().rev().find(|p| p.name.as_str() == "agents")
            && let Ast::Object(agents) = &agents.value
        {
            ids.extend(agents.properties.iter().map(|p| prop_name(&p.name)));
        }
        if !ids.iter().any(|i| i == MAIN_AGENT) {
            ids.insert(0, MAIN_AGENT.to_string());
        }
        ids
    }

    /// Adds `agents.<id>` with an optional model and bindings; an existing id is an error.
    pub fn add_agent(
        &mut self,
        id: &str,
        model: Option<&str>,
        bindings: &[Binding],
    ) -> Result<(), ConfigError> {
        crate::agent::validate_id(id).map_err(|e| ConfigError::edit(e.to_string(), None))?;
        let mut entry = serde_json::Map::new();
        if let Some(m) = model {
            entry.insert("model".into(), Value::String(m.to_string()));
        }
        if !bindings.is_empty() {
            let list = bindings.iter().map(binding_json).collect();
            entry.insert("bindings".into(), Value::Array(list));
        }
        let entry = Value::Object(entry);
        let file = self.file_name();
        self.edit(|root| {
            let top = root_object(root, &file)?;
            match top.get("agents") {
                Some(prop) => {
                    let agents = prop.object_value().ok_or_else(|| not_object("agents", &file))?;
                    if agents.get(id).is_some() {
                        return Err(ConfigError::edit(
                            format!("agent \"{id}\" already exists in {file}"),
                            Some(format!(
                                "remove it first with `openclaw agent rm {id}`, or pick another id"
                            )),
                        ));
                    }
                    // `main` exists implicitly as the first agent; written out, it stays first.
                    let index = (id == MAIN_AGENT).then_some(0);
                    Ok(insert_prop_at(&agents, index, id, entry))
                }
                None => {
                    let mut agents = serde_json::Map::new();
                    agents.insert(id.to_string(), entry);
                    Ok(insert_prop(&top, "agents", Value::Object(agents)))
                }
            }
        })
    }

    /// Removes `agents.<id>` (with its bindings and comments inside it).
    pub fn remove_agent(&mut self, id: &str) -> Result<(), ConfigError> {
        let file = self.file_name();
        let hint = self.agents_hint();
        self.edit(|root| {
            let prop = root_object(root, &file)?.object_value("agents").and_then(|a| a.get(id)).ok_or_else(
                || ConfigError::edit(format!("agent \"{id}\" is not defined in {file}"), Some(hint)),
            )?;
            prop.remove();
            Ok(Pending::None)
        })
    }

    /// Appends a binding to `agents.<agent>.bindings`; returns its 1-based number.
    pub fn add_binding(&mut self, agent: &str, binding: &Binding) -> Result<usize, ConfigError> {
        let file = self.file_name();
        let hint = self.agents_hint();
        let exists = self.agent_object_exists(agent);
        if !exists && agent == MAIN_AGENT {
            self.add_agent(MAIN_AGENT, None, std::slice::from_ref(binding))?;
            return Ok(1);
        }
        let mut number = 0;
        self.edit(|root| {
            let agent_obj = agent_object(root, agent, &file, hint)?;
            let value = binding_json(binding);
            match agent_obj.get("bindings") {
                Some(prop) => {
                    let list = prop.array_value().ok_or_else(|| {
                        not_object_kind(&format!("agents.{agent}.bindings"), "a list", &file)
                    })?;
                    let existing = list.elements();
                    if let Some(i) = existing.iter().position(|e| node_binding(e).as_ref() == Some(binding)) {
                        return Err(ConfigError::edit(
                            format!("agent \"{agent}\" already has this binding (number {})", i + 1),
                            None,
                        ));
                    }
                    number = existing.len() + 1;
                    Ok(append_element(&list, value))
                }
                None => {
                    number = 1;
                    Ok(insert_prop(&agent_obj, "bindings", Value::Array(vec![value])))
                }
            }
        })?;
        Ok(number)
    }

    /// Removes binding number `n` (1-based) of `agent` and returns it as written (unexpanded).
    pub fn remove_binding(&mut self, agent: &str, n: usize) -> Result<Binding, ConfigError> {
        let file = self.file_name();
        let hint = self.agents_hint();
        let mut removed = None;
        self.edit(|root| {
            let agent_obj = agent_object(root, agent, &file, hint)?;
            let elements = agent_obj.array_value("bindings").map(|l| l.elements()).unwrap_or_default();
            let count = elements.len();
            let node = n.checked_sub(1).and_then(|i| elements.get(i)).ok_or_else(|| {
                let has = match count {
                    0 => "it has none".to_string(),
                    1 => "it has 1".to_string(),
                    c => format!("it has {c}, numbered 1 to {c}"),
                };
                ConfigError::edit(
                    format!("agent \"{agent}\" has no binding {n} ({has})"),
                    Some(format!("list them with `openclaw bind ls --agent {agent}`")),
                )
            })?;
            removed = Some(node_binding(node).unwrap_or_default());
            node.clone().remove();
            Ok(Pending::None)
        })?;
        Ok(removed.unwrap_or_default())
    }

    /// Removes `mcp.servers.<name>` (with the comments inside it).
    pub fn remove_mcp_server(&mut self, name: &str) -> Result<(), ConfigError> {
        let file = self.file_name();
        self.edit(|root| {
            let prop = root_object(root, &file)?
                .object_value("mcp")
                .and_then(|m| m.object_value("servers"))
                .and_then(|s| s.get(name))
                .ok_or_else(|| {
                    ConfigError::edit(
                        format!("MCP server \"{name}\" is not defined in {file}"),
                        Some("list them with `openclaw mcp ls`".into()),
                    )
                })?;
            prop.remove();
            Ok(Pending::None)
        })
    }

    /// Sets the value at a dotted key path, creating missing intermediate objects.
    pub fn set(&mut self, dotted_path: &str, value: Value) -> Result<(), ConfigError> {
        let path = KeyPath::parse(dotted_path).map_err(|m| ConfigError::edit(m, None))?;
        let file = self.file_name();
        self.edit(|root| set_in(root, &path, value, &file))
    }

    /// Removes the key (or list element) at a dotted key path, with the comments inside it. A
    /// path that is not in the file is an error naming the closest key there.
    pub fn unset(&mut self, dotted_path: &str) -> Result<(), ConfigError> {
        let path = KeyPath::parse(dotted_path).map_err(|m| ConfigError::edit(m, None))?;
        let file = self.file_name();
        self.edit(|root| unset_in(root, &path, &file))
    }

    /// The unknown keys (see [`super::unknown_keys`]) the edits so far added to the file.
    pub fn added_unknown_keys(&self) -> Vec<super::UnknownKey> {
        let before = super::unknown_keys(&self.original);
        super::unknown_keys(&self.text)
            .into_iter()
            .filter(|k| !before.iter().any(|b| b.path == k.path))
            .collect()
    }

    /// Puts `lines` as `//` comments at the top of the file, unless the file already starts with
    /// the first of them.
    pub fn prepend_comment(&mut self, lines: &[String]) {
        let Some(first) = lines.first() else { return };
        if self.text.starts_with(&format!("// {first}")) {
            return;
        }
        let eol = if self.text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut header: String = lines.iter().map(|l| format!("// {l}{eol}")).collect();
        header.push_str(&self.text);
        self.text = header;
    }

    /// Validates the new text with the loader and, when it is valid, writes it atomically (0600).
    /// An invalid result is refused and nothing is written.
    pub fn save(self) -> Result<Loaded, ConfigError> {
        let loaded = super::parse_lenient(&self.path, &self.text).map_err(|e| match e {
            ConfigError::Invalid { file, line, col, message, hint } => ConfigError::Invalid {
                file,
                line,
                col,
                message: format!("the change would make the file invalid: {message}"),
                hint: hint.or_else(|| Some("nothing was written".to_string())),
            },
            other => other,
        })?;
        if self.text != self.original {
            let mut bytes = Vec::with_capacity(self.text.len() + 3);
            if self.bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(self.text.as_bytes());
            store::write_atomic(&self.path, &bytes, store::PRIVATE_FILE)?;
        }
        Ok(loaded)
    }

    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }

    fn agents_hint(&self) -> String {
        format!("agents defined: {}", self.agent_ids().join(", "))
    }

    fn agent_object_exists(&self, agent: &str) -> bool {
        CstRootNode::parse(&self.text, &cst_options())
            .ok()
            .and_then(|r| r.object_value())
            .and_then(|o| o.object_value("agents"))
            .and_then(|a| a.get(agent))
            .is_some()
    }

    /// Runs one structural edit on a fresh syntax tree, then fills in the placeholder it left.
    fn edit(
        &mut self,
        f: impl FnOnce(&CstRootNode) -> Result<Pending, ConfigError>,
    ) -> Result<(), ConfigError> {
        if self.text.contains(VALUE_MARK) || self.text.contains(KEY_MARK) {
            return Err(ConfigError::edit(
                format!(
                    "{} contains openclaw's own edit marker, so it cannot be edited safely",
                    self.file_name()
                ),
                None,
            ));
        }
        let root = CstRootNode::parse(&self.text, &cst_options())
            .map_err(|e| ConfigError::edit(format!("{} cannot be edited: {e}", self.file_name()), None))?;
        let style = Style::detect(&self.text, &root);
        let pending = f(&root)?;
        let text = root.to_string();
        self.text = pending.fill(text, &style);
        Ok(())
    }
}

/// What an edit inserted as a placeholder and must now be written out in the file's style.
enum Pending {
    None,
    Value { key: Option<String>, value: Value, was_empty: bool },
}

impl Pending {
    fn fill(self, mut text: String, style: &Style) -> String {
        let Pending::Value { key, value, was_empty } = self else { return text };
        let quoted_value = format!("\"{VALUE_MARK}\"");
        if let Some(at) = text.find(&quoted_value) {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            let mut rendered = style.emit(&value, &indent);
            let after = &text[at + quoted_value.len()..];
            let next = after.trim_start_matches([' ', '\t']).chars().next();
            let multiline_container = matches!(next, Some('\r' | '\n'));
            if was_empty && style.trailing_commas && multiline_container {
                rendered.push(',');
            }
            text.replace_range(at..at + quoted_value.len(), &rendered);
        }
        if let Some(key) = key {
            let quoted_key = format!("\"{KEY_MARK}\"");
            if let Some(at) = text.find(&quoted_key) {
                text.replace_range(at..at + quoted_key.len(), &style.key(&key));
            }
        }
        text
    }
}

fn root_object(root: &CstRootNode, file: &str) -> Result<CstObject, ConfigError> {
    match root.value() {
        None => Ok(root.object_value_or_set()),
        Some(_) => root.object_value().ok_or_else(|| not_object("the configuration", file)),
    }
}

fn agent_object(root: &CstRootNode, agent: &str, file: &str, hint: String) -> Result<CstObject, ConfigError> {
    let prop =
        root_object(root, file)?.object_value("agents").and_then(|a| a.get(agent)).ok_or_else(|| {
            ConfigError::edit(format!("agent \"{agent}\" is not defined in {file}"), Some(hint))
        })?;
    prop.object_value().ok_or_else(|| not_object(&format!("agents.{agent}"), file))
}

fn not_object(what: &str, file: &str) -> ConfigError {
    not_object_kind(what, "an object", file)
}

fn not_object_kind(what: &str, kind: &str, file: &str) -> ConfigError {
    ConfigError::edit(format!("{what} in {file} is not {kind}, so it cannot be edited"), None)
}

/// Adds `key: value` to an object. An object written on one line without comments stays on one
/// line when it can (it is rewritten whole); otherwise the new property goes on its own line.
fn insert_prop(obj: &CstObject, key: &str, value: Value) -> Pending {
    insert_prop_at(obj, None, key, value)
}

/// [`insert_prop`] at a position (`None`: at the end).
fn insert_prop_at(obj: &CstObject, index: Option<usize>, key: &str, value: Value) -> Pending {
    let node = CstNode::from(CstContainerNode::Object(obj.clone()));
    let inline = edit_inline(node, |target| match target {
        Value::Object(map) => {
            map.shift_insert(index.unwrap_or(map.len()).min(map.len()), key.to_string(), value.clone());
            true
        }
        _ => false,
    });
    if let Some(pending) = inline {
        return pending;
    }
    let was_empty = obj.properties().is_empty();
    match index {
        Some(i) => obj.insert(i, KEY_MARK, CstInputValue::String(VALUE_MARK.into())),
        None => obj.append(KEY_MARK, CstInputValue::String(VALUE_MARK.into())),
    };
    Pending::Value { key: Some(key.to_string()), value, was_empty }
}

/// Appends an element to a list, keeping a one-line list (and what holds it) on one line when it
/// can; otherwise the list becomes multi-line.
fn append_element(list: &CstArray, value: Value) -> Pending {
    let node = CstNode::from(CstContainerNode::Array(list.clone()));
    let inline = edit_inline(node, |target| match target {
        Value::Array(items) => {
            items.push(value.clone());
            true
        }
        _ => false,
    });
    if let Some(pending) = inline {
        return pending;
    }
    list.ensure_multiline();
    let was_empty = list.elements().is_empty();
    list.append(CstInputValue::String(VALUE_MARK.into()));
    Pending::Value { key: None, value, was_empty }
}

/// Edits a container written on one line without comments by rewriting the outermost such
/// container around it whole (so a one-line `{ main: {}, jarvis: {} }` never ends up half
/// multi-line). `change` edits the JSON of `node`; `None` when `node` is not such a container.
fn edit_inline(node: CstNode, change: impl FnOnce(&mut Value) -> bool) -> Option<Pending> {
    inline_json(&node)?;
    let mut top = node;
    let mut rel: Vec<PathSeg> = Vec::new();
    loop {
        let Some(parent) = top.parent() else { break };
        let (container, seg) = match &parent {
            CstContainerNode::ObjectProp(prop) => {
                let Some(obj) = prop.parent() else { break };
                let Some(name) = prop.decoded_name() else { break };
                (CstNode::from(obj), PathSeg::Key(name))
            }
            CstContainerNode::Array(_) => {
                let Some(i) = top.element_index() else { break };
                (CstNode::from(parent.clone()), PathSeg::Index(i))
            }
            _ => break,
        };
        if inline_json(&container).is_none() {
            break;
        }
        rel.insert(0, seg);
        top = container;
    }
    let mut json = inline_json(&top)?;
    let mut target = &mut json;
    for seg in &rel {
        target = match (target, seg) {
            (Value::Object(map), PathSeg::Key(k)) => map.get_mut(k)?,
            (Value::Array(items), PathSeg::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    if !change(target) {
        return None;
    }
    let placeholder = CstInputValue::String(VALUE_MARK.into());
    let replaced = match top {
        CstNode::Container(CstContainerNode::Object(o)) => o.replace_with(placeholder),
        CstNode::Container(CstContainerNode::Array(a)) => a.replace_with(placeholder),
        _ => None,
    };
    replaced.map(|_| Pending::Value { key: None, value: json, was_empty: false })
}

/// The JSON of a non-root container written on one line without comments, as written.
fn inline_json(node: &CstNode) -> Option<Value> {
    if node.parent().is_none_or(|p| p.is_root()) || has_newline_or_comment(node) {
        return None;
    }
    let text = node.to_string();
    let ast = syntax::parse(&text).ok()??;
    Some(ast_json(&ast))
}

fn has_newline_or_comment(node: &CstNode) -> bool {
    node.children().iter().any(|c| c.is_newline() || c.is_comment() || has_newline_or_comment(c))
}

fn binding_json(b: &Binding) -> Value {
    serde_json::to_value(b).unwrap_or(Value::Null)
}

/// Reads a binding element as written (no `${VAR}` expansion).
fn node_binding(node: &CstNode) -> Option<Binding> {
    let text = node.to_string();
    let ast = syntax::parse(&text).ok()??;
    serde_json::from_value(ast_json(&ast)).ok()
}

fn prop_name(name: &ObjectPropName<'_>) -> String {
    name.as_str().to_string()
}

/// A syntax tree value as JSON, exactly as written.
pub(crate) fn ast_json(v: &Ast<'_>) -> Value {
    match v {
        Ast::StringLit(s) => Value::String(s.value.to_string()),
        Ast::NumberLit(n) => number_json(n.value),
        Ast::BooleanLit(b) => Value::Bool(b.value),
        Ast::NullKeyword(_) => Value::Null,
        Ast::Array(a) => Value::Array(a.elements.iter().map(ast_json).collect()),
        Ast::Object(o) => {
            Value::Object(o.properties.iter().map(|p| (prop_name(&p.name), ast_json(&p.value))).collect())
        }
    }
}

/// A JSON5 number as JSON; one JSON cannot hold (`NaN`, `Infinity`) stays the text it was.
fn number_json(raw: &str) -> Value {
    match parse_number(raw) {
        Number::U(u) => Value::from(u),
        Number::I(i) => Value::from(i),
        Number::F(f) => {
            serde_json::Number::from_f64(f).map_or_else(|| Value::String(raw.to_string()), Value::Number)
        }
    }
}

/// jsonc-parser's options for the tree it edits: JSON5, minus its leniency about missing commas.
/// The text has passed the strict reader first, and [`jsonc_reads_the_same`] vouches for the rest.
fn cst_options() -> ParseOptions {
    ParseOptions { allow_missing_commas: false, ..ParseOptions::default() }
}

/// Whether jsonc-parser, which makes the edits, reads `text` as the strict JSON5 reader did. A few
/// valid JSON5 spellings it reads differently or not at all: a `\u` escape or a combining mark in
/// an unquoted key, U+2028 ending a `//` comment, U+FEFF between tokens.
fn jsonc_reads_the_same(text: &str, ours: Option<&Ast<'_>>) -> bool {
    let Ok(theirs) = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &cst_options()) else {
        return false;
    };
    match (theirs.value.as_ref(), ours) {
        (None, None) => true,
        (Some(t), Some(o)) => jsonc_json(t) == ast_json(o),
        _ => false,
    }
}

fn jsonc_json(v: &jsonc_parser::ast::Value<'_>) -> Value {
    use jsonc_parser::ast::Value as J;
    match v {
        J::StringLit(s) => Value::String(s.value.to_string()),
        J::NumberLit(n) => number_json(n.value),
        J::BooleanLit(b) => Value::Bool(b.value),
        J::NullKeyword(_) => Value::Null,
        J::Array(a) => Value::Array(a.elements.iter().map(jsonc_json).collect()),
        J::Object(o) => Value::Object(
            o.properties.iter().map(|p| (p.name.as_str().to_string(), jsonc_json(&p.value))).collect(),
        ),
    }
}

enum Cursor {
    Obj(CstObject),
    Arr(CstArray),
}

fn set_in(root: &CstRootNode, path: &KeyPath, value: Value, file: &str) -> Result<Pending, ConfigError> {
    let mut cur = Cursor::Obj(root_object(root, file)?);
    let segs = &path.0;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        let here = KeyPath(segs[..=i].to_vec());
        let node = match &cur {
            Cursor::Obj(obj) => {
                let key = match seg {
                    PathSeg::Key(k) => k.clone(),
                    PathSeg::Index(n) => {
                        return Err(ConfigError::edit(
                            format!(
                                "cannot set {path}: {} is an object, not a list (index {n})",
                                KeyPath(segs[..i].to_vec())
                            ),
                            None,
                        ));
                    }
                };
                let Some(prop) = obj.get(&key) else {
                    let nested = nest(&segs[i + 1..], value)
                        .map_err(|m| ConfigError::edit(format!("cannot set {path}: {m}"), None))?;
                    return Ok(insert_prop(obj, &key, nested));
                };
                if last {
                    prop.set_value(CstInputValue::String(VALUE_MARK.into()));
                    return Ok(Pending::Value { key: None, value, was_empty: false });
                }
                prop.value()
            }
            Cursor::Arr(list) => {
                let elements = list.elements();
                let idx = seg.as_index().filter(|i| *i < elements.len()).ok_or_else(|| {
                    ConfigError::edit(
                        format!(
                            "cannot set {path}: {} has {} elements (indices start at 0)",
                            KeyPath(segs[..i].to_vec()),
                            elements.len()
                        ),
                        None,
                    )
                })?;
                if last {
                    list.insert(idx, CstInputValue::String(VALUE_MARK.into()));
                    if let Some(old) = list.elements().get(idx + 1) {
                        old.clone().remove();
                    }
                    return Ok(Pending::Value { key: None, value, was_empty: false });
                }
                elements.get(idx).cloned()
            }
        };
        cur = match node {
            Some(n) if n.as_object().is_some() => {
                Cursor::Obj(n.as_object().ok_or_else(|| scalar_in_way(path, &here))?)
            }
            Some(n) if n.as_array().is_some() => {
                Cursor::Arr(n.as_array().ok_or_else(|| scalar_in_way(path, &here))?)
            }
            _ => return Err(scalar_in_way(path, &here)),
        };
    }
    Ok(Pending::None)
}

fn unset_in(root: &CstRootNode, path: &KeyPath, file: &str) -> Result<Pending, ConfigError> {
    let segs = &path.0;
    let mut node: Option<CstNode> = root.value();
    for (i, seg) in segs.iter().enumerate() {
        let here = KeyPath(segs[..i].to_vec());
        let place = if i == 0 { file.to_string() } else { format!("{here} in {file}") };
        let found = match (seg, node.as_ref().and_then(|n| n.as_object())) {
            (PathSeg::Key(key), Some(obj)) => match obj.get(key) {
                Some(prop) if i + 1 == segs.len() => {
                    prop.remove();
                    return Ok(Pending::None);
                }
                Some(prop) => prop.value(),
                None => {
                    let keys: Vec<String> = obj
                        .properties()
                        .iter()
                        .filter_map(|p| p.name().and_then(|n| n.decoded_value().ok()))
                        .collect();
                    let known: Vec<&str> = keys.iter().map(String::as_str).collect();
                    let hint = match super::de::closest(key, &known) {
                        Some(c) => format!(
                            "did you mean {}?",
                            KeyPath([&segs[..i], &[PathSeg::Key(c.into())]].concat())
                        ),
                        None if keys.is_empty() => format!("{place} has no keys"),
                        None if i == 0 => format!("keys at the top level: {}", keys.join(", ")),
                        None => format!("keys under {here}: {}", keys.join(", ")),
                    };
                    return Err(ConfigError::edit(
                        format!("{file} has no key {path}: nothing to unset"),
                        Some(hint),
                    ));
                }
            },
            (PathSeg::Index(n), _) if node.as_ref().and_then(|n| n.as_array()).is_some() => {
                let elements =
                    node.as_ref().and_then(|n| n.as_array()).map(|a| a.elements()).unwrap_or_default();
                let Some(element) = elements.get(*n).cloned() else {
                    return Err(ConfigError::edit(
                        format!(
                            "{file} has no key {path}: {here} has {} elements (indices start at 0)",
                            elements.len()
                        ),
                        None,
                    ));
                };
                if i + 1 == segs.len() {
                    element.remove();
                    return Ok(Pending::None);
                }
                Some(element)
            }
            _ if i == 0 && node.is_none() => {
                return Err(ConfigError::edit(format!("{file} has no key {path}: nothing to unset"), None));
            }
            _ => {
                return Err(ConfigError::edit(
                    format!("{file} has no key {path}: {here} is not an object or list with it"),
                    None,
                ));
            }
        };
        node = found;
    }
    Err(ConfigError::edit("a key path names at least one key", None))
}

fn scalar_in_way(path: &KeyPath, here: &KeyPath) -> ConfigError {
    ConfigError::edit(
        format!("cannot set {path}: {here} holds a single value, not an object or list"),
        Some(format!("set {here} itself instead")),
    )
}

/// `{a: {b: value}}` for the missing keys `a.b`.
fn nest(rest: &[PathSeg], value: Value) -> Result<Value, String> {
    let mut v = value;
    for seg in rest.iter().rev() {
        match seg {
            PathSeg::Key(k) => {
                let mut m = serde_json::Map::new();
                m.insert(k.clone(), v);
                v = Value::Object(m);
            }
            PathSeg::Index(n) => return Err(format!("there is no list to hold element {n}")),
        }
    }
    Ok(v)
}

/// How the file writes things, so new entries look like the old ones.
#[derive(Debug, Clone)]
struct Style {
    quote: char,
    unquoted_keys: bool,
    indent: String,
    newline: &'static str,
    trailing_commas: bool,
}

impl Style {
    fn detect(text: &str, root: &CstRootNode) -> Style {
        let mut counts = Counts::default();
        if let Ok(Some(ast)) = syntax::parse(text) {
            counts.walk(&ast, text);
        }
        Style {
            quote: if counts.single > counts.double { '\'' } else { '"' },
            unquoted_keys: counts.word_keys >= counts.quoted_keys,
            indent: root.single_indent_text().filter(|s| !s.is_empty()).unwrap_or_else(|| "  ".into()),
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
            trailing_commas: counts.trailing >= counts.no_trailing,
        }
    }

    /// A key, unquoted when the file likes that and the key is an ASCII identifier. Any other key
    /// is quoted: `multi-word` is no identifier, and a non-ASCII one (valid JSON5) is quoted so
    /// that jsonc-parser, which reads the file for the next edit, agrees about it.
    fn key(&self, key: &str) -> String {
        let plain = key.is_ascii() && syntax::is_identifier(key);
        if self.unquoted_keys && plain { key.to_string() } else { self.string(key) }
    }

    fn string(&self, s: &str) -> String {
        // JSON's escapes are JSON5's; U+2028 and U+2029 are escaped too, as ECMAScript wants.
        let json = Value::String(s.to_string())
            .to_string()
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        if self.quote == '"' {
            return json;
        }
        // Same escapes as JSON, but the quote that needs escaping is the single one.
        let inner = &json[1..json.len() - 1];
        format!("'{}'", inner.replace("\\\"", "\"").replace('\'', "\\'"))
    }

    /// Renders `v` as JSON5 whose first line continues at `indent`.
    fn emit(&self, v: &Value, indent: &str) -> String {
        match v {
            Value::String(s) => self.string(s),
            Value::Array(items) if items.is_empty() => "[]".into(),
            Value::Object(map) if map.is_empty() => "{}".into(),
            Value::Array(items) => {
                let inline = format!(
                    "[{}]",
                    items.iter().map(|i| self.emit(i, indent)).collect::<Vec<_>>().join(", ")
                );
                if items.iter().all(|i| !is_nonempty_object(i)) && indent.len() + inline.len() <= 100 {
                    return inline;
                }
                let inner = format!("{indent}{}", self.indent);
                let lines: Vec<String> =
                    items.iter().map(|i| format!("{inner}{}", self.emit(i, &inner))).collect();
                self.block('[', ']', lines, indent)
            }
            Value::Object(map) => {
                let flat = map.values().all(|v| {
                    !is_nonempty_object(v) && !v.as_array().is_some_and(|a| a.iter().any(is_nonempty_object))
                });
                let parts: Vec<String> =
                    map.iter().map(|(k, v)| format!("{}: {}", self.key(k), self.emit(v, indent))).collect();
                let inline = format!("{{ {} }}", parts.join(", "));
                if flat && indent.len() + inline.len() <= 100 {
                    return inline;
                }
                let inner = format!("{indent}{}", self.indent);
                let lines: Vec<String> = map
                    .iter()
                    .map(|(k, v)| format!("{inner}{}: {}", self.key(k), self.emit(v, &inner)))
                    .collect();
                self.block('{', '}', lines, indent)
            }
            other => other.to_string(),
        }
    }

    fn block(&self, open: char, close: char, lines: Vec<String>, indent: &str) -> String {
        let n = lines.len();
        let mut out = String::from(open);
        for (i, line) in lines.into_iter().enumerate() {
            out.push_str(self.newline);
            out.push_str(&line);
            if i + 1 < n || self.trailing_commas {
                out.push(',');
            }
        }
        out.push_str(self.newline);
        out.push_str(indent);
        out.push(close);
        out
    }
}

fn is_nonempty_object(v: &Value) -> bool {
    v.as_object().is_some_and(|m| !m.is_empty())
}

#[derive(Default)]
struct Counts {
    single: usize,
    double: usize,
    word_keys: usize,
    quoted_keys: usize,
    trailing: usize,
    no_trailing: usize,
}

impl Counts {
    fn walk(&mut self, v: &Ast<'_>, text: &str) {
        match v {
            Ast::StringLit(s) => {
                if text.as_bytes().get(s.range.start) == Some(&b'\'') {
                    self.single += 1;
                } else {
                    self.double += 1;
                }
            }
            Ast::Object(o) => {
                for p in &o.properties {
                    match &p.name {
                        ObjectPropName::Word(_) => self.word_keys += 1,
                        ObjectPropName::String(_) => self.quoted_keys += 1,
                    }
                    self.walk(&p.value, text);
                }
                if let Some(last) = o.properties.last() {
                    self.tally_trailing(text, last.range.end, o.range.end);
                }
            }
            Ast::Array(a) => {
                for e in &a.elements {
                    self.walk(e, text);
                }
                if let Some(last) = a.elements.last() {
                    self.tally_trailing(text, super::de::end(last), a.range.end);
                }
            }
            _ => {}
        }
    }

    /// Looks at the gap between the last entry and the closing bracket of a multi-line container.
    fn tally_trailing(&mut self, text: &str, last_end: usize, container_end: usize) {
        let Some(gap) = text.get(last_end..container_end.saturating_sub(1)) else { return };
        if !gap.contains('\n') {
            return;
        }
        if strip_comments(gap).contains(',') {
            self.trailing += 1;
        } else {
            self.no_trailing += 1;
        }
    }
}

fn strip_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    loop {
        let line = rest.find("//");
        let block = rest.find("/*");
        match (line, block) {
            (Some(l), b) if b.is_none_or(|b| l < b) => {
                out.push_str(&rest[..l]);
                rest = rest[l..].find('\n').map_or("", |n| &rest[l + n..]);
            }
            (_, Some(b)) => {
                out.push_str(&rest[..b]);
                rest = rest[b + 2..].find("*/").map_or("", |n| &rest[b + 2 + n + 2..]);
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests;
