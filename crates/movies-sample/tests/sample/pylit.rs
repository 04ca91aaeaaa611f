//! A test-only reader for the Python literals of the dataset (lists, dicts, strings, ints,
//! floats, `None`, `True`, `False`), independent of the crate's writer.

/// A parsed literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    Dict(Vec<(Value, Value)>),
}

impl Value {
    /// The value under a string key of a dict.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Dict(entries) => entries.iter().find(|(k, _)| *k == Value::Str(key.to_string())).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[Value] {
        match self {
            Value::List(items) => items,
            other => panic!("not a list: {other:?}"),
        }
    }

    pub fn str_at(&self, key: &str) -> &str {
        match self.get(key) {
            Some(Value::Str(s)) => s,
            other => panic!("{key} is not a string: {other:?}"),
        }
    }

    pub fn int_at(&self, key: &str) -> i64 {
        match self.get(key) {
            Some(Value::Int(v)) => *v,
            other => panic!("{key} is not an int: {other:?}"),
        }
    }
}

/// Parses one complete literal.
pub fn parse(text: &str) -> Result<Value, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser { chars, pos: 0 };
    let v = p.value()?;
    p.skip_ws();
    if p.pos != p.chars.len() {
        return Err(format!("trailing text at {}", p.pos));
    }
    Ok(v)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Result<char, String> {
        self.skip_ws();
        self.chars.get(self.pos).copied().ok_or_else(|| "unexpected end".to_string())
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.peek()? == c {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!("expected {c:?} at {}", self.pos))
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek()? {
            '[' => {
                self.pos += 1;
                let mut items = Vec::new();
                while self.peek()? != ']' {
                    items.push(self.value()?);
                    if self.peek()? == ',' {
                        self.pos += 1;
                    }
                }
                self.pos += 1;
                Ok(Value::List(items))
            }
            '{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                while self.peek()? != '}' {
                    let k = self.value()?;
                    self.expect(':')?;
                    entries.push((k, self.value()?));
                    if self.peek()? == ',' {
                        self.pos += 1;
                    }
                }
                self.pos += 1;
                Ok(Value::Dict(entries))
            }
            q @ ('\'' | '"') => {
                self.pos += 1;
                let mut s = String::new();
                loop {
                    let c = *self.chars.get(self.pos).ok_or("unterminated string")?;
                    self.pos += 1;
                    match c {
                        '\\' => {
                            let e = *self.chars.get(self.pos).ok_or("bad escape")?;
                            self.pos += 1;
                            s.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                'r' => '\r',
                                other => other,
                            });
                        }
                        c if c == q => return Ok(Value::Str(s)),
                        c => s.push(c),
                    }
                }
            }
            _ => {
                let start = self.pos;
                while self.chars.get(self.pos).is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '+')) {
                    self.pos += 1;
                }
                let word: String = self.chars[start..self.pos].iter().collect();
                match word.as_str() {
                    "None" => Ok(Value::None),
                    "True" => Ok(Value::Bool(true)),
                    "False" => Ok(Value::Bool(false)),
                    w => w
                        .parse::<i64>()
                        .map(Value::Int)
                        .or_else(|_| w.parse::<f64>().map(Value::Float))
                        .map_err(|_| format!("bad token {w:?} at {start}")),
                }
            }
        }
    }
}

#[test]
fn reads_python_reprs() {
    let v = parse("[{'id': 7, 'name': \"Kid's\", 'x': None, 'y': 'a\\'b \"c\"', 'z': True, 'f': 1.5}]").unwrap();
    let d = &v.as_list()[0];
    assert_eq!(d.int_at("id"), 7);
    assert_eq!(d.str_at("name"), "Kid's");
    assert_eq!(d.get("x"), Some(&Value::None));
    assert_eq!(d.str_at("y"), "a'b \"c\"");
    assert_eq!(d.get("z"), Some(&Value::Bool(true)));
    assert_eq!(d.get("f"), Some(&Value::Float(1.5)));
    assert!(parse("[{'id': 18, 'name': 'Drama'").is_err());
}
