//! The untyped value tree both config formats are read into before the schema checks it.

/// A config value as read from TOML or INI (after bump-my-version's INI autocast).
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Str(String),
    Bool(bool),
    Int(i64),
    Float(f64),
    None,
    List(Vec<Raw>),
    Table(Table),
}

/// An ordered table; each entry remembers the line it came from (0 when unknown).
pub type Table = Vec<(String, Raw, usize)>;

impl Raw {
    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Raw::Str(_) => "a string",
            Raw::Bool(_) => "a boolean",
            Raw::Int(_) => "an integer",
            Raw::Float(_) => "a float",
            Raw::None => "None",
            Raw::List(_) => "a list",
            Raw::Table(_) => "a table",
        }
    }

    /// `str(value)` as Python would print it.
    pub fn python_str(&self) -> Option<String> {
        match self {
            Raw::Str(s) => Some(s.clone()),
            Raw::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
            Raw::Int(i) => Some(i.to_string()),
            Raw::Float(f) => Some(python_float(*f)),
            Raw::None => Some("None".to_string()),
            Raw::List(_) | Raw::Table(_) => None,
        }
    }
}

/// Python's `repr(float)`: shortest round-trip digits, always with a decimal point.
pub fn python_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let s = format!("{f}");
    if s.contains(['.', 'e']) {
        s
    } else {
        s + ".0"
    }
}

/// Find a key in a table.
pub fn get<'a>(table: &'a Table, key: &str) -> Option<&'a Raw> {
    table.iter().find(|(k, _, _)| k == key).map(|(_, v, _)| v)
}
