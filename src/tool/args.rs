//! Typed access to the model's tool arguments: every mistake becomes one sentence naming the
//! field, never a panic.

use serde_json::{Map, Value};

/// The arguments of one call, checked to be a JSON object.
#[derive(Debug)]
pub struct Args {
    tool: &'static str,
    map: Map<String, Value>,
}

/// A sentence for the model saying which argument is wrong.
pub type ArgError = String;

impl Args {
    /// Checks that `value` is an object (a JSON string holding an object is accepted too, since
    /// some models send arguments that way). `null` counts as no arguments.
    pub fn parse(tool: &'static str, value: Value) -> Result<Self, ArgError> {
        let value = match value {
            Value::String(s) => serde_json::from_str(&s)
                .map_err(|e| format!("{tool}: arguments are not a JSON object: {e}"))?,
            Value::Null => Value::Object(Map::new()),
            v => v,
        };
        match value {
            Value::Object(map) => Ok(Self { tool, map }),
            other => Err(format!("{tool}: arguments must be a JSON object, got {}", type_name(&other))),
        }
    }

    /// A field as the model gave it, of any type.
    pub fn raw(&self, field: &str) -> Option<&Value> {
        self.map.get(field)
    }

    /// A required string field.
    pub fn str(&self, field: &str) -> Result<&str, ArgError> {
        match self.map.get(field) {
            Some(Value::String(s)) => Ok(s),
            None | Some(Value::Null) => {
                Err(format!("{}: missing required argument \"{field}\" (string)", self.tool))
            }
            Some(v) => Err(self.wrong(field, "a string", v)),
        }
    }

    /// An optional string field.
    pub fn opt_str(&self, field: &str) -> Result<Option<&str>, ArgError> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(v) => Err(self.wrong(field, "a string", v)),
        }
    }

    /// An optional non-negative integer field (a whole float such as `10.0`, or a numeric string
    /// such as `"10"`, is accepted: models produce both).
    pub fn opt_u64(&self, field: &str) -> Result<Option<u64>, ArgError> {
        let v = match self.map.get(field) {
            None | Some(Value::Null) => return Ok(None),
            Some(v) => v,
        };
        let n = match v {
            Value::Number(n) => n.as_u64().or_else(|| {
                n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9e15).map(|f| f as u64)
            }),
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        n.map(Some).ok_or_else(|| self.wrong(field, "a non-negative integer", v))
    }

    /// An optional boolean field.
    pub fn opt_bool(&self, field: &str) -> Result<Option<bool>, ArgError> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.wrong(field, "true or false", v)),
        }
    }

    fn wrong(&self, field: &str, want: &str, got: &Value) -> ArgError {
        format!("{}: argument \"{field}\" must be {want}, got {}", self.tool, type_name(got))
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_the_field_and_the_type() {
        let a = Args::parse("read", json!({"path": 3, "offset": "x"})).unwrap();
        assert_eq!(a.str("path").unwrap_err(), "read: argument \"path\" must be a string, got a number");
        assert_eq!(
            a.opt_u64("offset").unwrap_err(),
            "read: argument \"offset\" must be a non-negative integer, got a string"
        );
        assert_eq!(a.str("missing").unwrap_err(), "read: missing required argument \"missing\" (string)");
    }

    #[test]
    fn accepts_stringified_objects_and_numeric_strings() {
        let a = Args::parse("read", json!("{\"path\":\"a\",\"limit\":\"5\"}")).unwrap();
        assert_eq!(a.str("path").unwrap(), "a");
        assert_eq!(a.opt_u64("limit").unwrap(), Some(5));
        assert!(Args::parse("read", json!([1])).is_err());
        assert_eq!(Args::parse("read", json!({"n": 2.0})).unwrap().opt_u64("n").unwrap(), Some(2));
        assert!(Args::parse("read", json!({"n": -1})).unwrap().opt_u64("n").is_err());
    }
}
