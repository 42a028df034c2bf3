//! The committed JSON Schema is the one generated from the types
//! (`monev_report::schema`), `evaluasi.json` of the demo conforms to it,
//! and it declares every field the evaluation writes. The validator is a
//! small subset of JSON Schema 2020-12: type, required, properties, items,
//! enum, const, $ref, allOf, anyOf, oneOf, minItems, maxItems, minimum,
//! pattern (dates and NIPs only).

use serde_json::Value;

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
}

impl Validator<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let path = r.trim_start_matches("#/");
                path.split('/').fold(self.root, |v, k| &v[k])
            }
            None => schema,
        }
    }

    fn type_ok(t: &str, v: &Value) -> bool {
        match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_u64() || v.is_i64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        }
    }

    /// Whether `v` is valid against `schema`, errors kept aside.
    fn matches(&self, schema: &Value, v: &Value, path: &str) -> bool {
        let mut sub = Validator {
            root: self.root,
            errors: Vec::new(),
        };
        sub.check(schema, v, path);
        sub.errors.is_empty()
    }

    /// Property names a schema declares (through allOf too).
    fn declared(&self, schema: &Value, out: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if let Some(p) = schema.get("properties").and_then(Value::as_object) {
            out.extend(p.keys().cloned());
        }
        for s in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.declared(s, out);
        }
    }

    fn check(&mut self, schema: &Value, v: &Value, path: &str) {
        self.check_in(schema, v, path, true);
    }

    /// `strict`: report fields the schema does not declare (off inside an
    /// `allOf` branch, which declares only its part).
    fn check_in(&mut self, schema: &Value, v: &Value, path: &str, strict: bool) {
        let schema = self.resolve(schema).clone();
        if let Some(t) = schema.get("type") {
            let ok = match t {
                Value::String(t) => Self::type_ok(t, v),
                Value::Array(ts) => ts.iter().any(|t| Self::type_ok(t.as_str().unwrap(), v)),
                _ => true,
            };
            if !ok {
                self.errors.push(format!("{path}: {v} is not of type {t}"));
                return;
            }
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array)
            && !e.contains(v)
        {
            self.errors.push(format!("{path}: {v} not in {e:?}"));
        }
        if let Some(c) = schema.get("const")
            && c != v
        {
            self.errors.push(format!("{path}: {v} != {c}"));
        }
        if let (Some(m), Some(x)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64())
            && x < m
        {
            self.errors.push(format!("{path}: {x} < {m}"));
        }
        if let (Some(p), Some(s)) = (schema.get("pattern").and_then(Value::as_str), v.as_str()) {
            let b = s.as_bytes();
            let ok = match p {
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => b.len() == 10 && b[4] == b'-' && b[7] == b'-',
                "^[0-9]{18}$" => b.len() == 18 && b.iter().all(u8::is_ascii_digit),
                _ => panic!("the validator knows no pattern {p}"),
            };
            if !ok {
                self.errors.push(format!("{path}: {s} does not match {p}"));
            }
        }
        for (key, one) in [("anyOf", false), ("oneOf", true)] {
            if let Some(branches) = schema.get(key).and_then(Value::as_array) {
                let n = branches.iter().filter(|b| self.matches(b, v, path)).count();
                if n == 0 || (one && n > 1) {
                    self.errors
                        .push(format!("{path}: {v} matches {n} of the {key} branches"));
                }
            }
        }
        for s in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.check_in(s, v, path, false);
        }
        if let Some(obj) = v.as_object() {
            for r in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !obj.contains_key(r.as_str().unwrap()) {
                    self.errors.push(format!("{path}: missing {r}"));
                }
            }
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, s) in props {
                    if let Some(x) = obj.get(k) {
                        self.check(s, x, &format!("{path}.{k}"));
                    }
                }
            }
            let mut declared = Vec::new();
            self.declared(&schema, &mut declared);
            if strict && !declared.is_empty() {
                for k in obj.keys() {
                    if !declared.contains(k) {
                        self.errors.push(format!(
                            "{path}.{k}: written but not declared in the schema"
                        ));
                    }
                }
            }
        }
        if let Some(items) = v.as_array() {
            if let Some(n) = schema.get("minItems").and_then(Value::as_u64)
                && (items.len() as u64) < n
            {
                self.errors.push(format!("{path}: fewer than {n} items"));
            }
            if let Some(n) = schema.get("maxItems").and_then(Value::as_u64)
                && (items.len() as u64) > n
            {
                self.errors.push(format!("{path}: more than {n} items"));
            }
            if let Some(s) = schema.get("items") {
                for (i, x) in items.iter().enumerate() {
                    self.check(s, x, &format!("{path}[{i}]"));
                }
            }
        }
    }
}

fn validate(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(monev_report::SCHEMA).unwrap();
    let mut v = Validator {
        root: &schema,
        errors: Vec::new(),
    };
    v.check(&schema, doc, "$");
    v.errors
}

fn demo_json() -> Value {
    let data = monev_demo::generate(monev_demo::SEED);
    let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
    serde_json::from_str(&monev_report::json(&e)).unwrap()
}

#[test]
fn the_committed_schema_is_generated_from_the_types() {
    let generated = monev_report::schema::schema();
    if std::env::var_os("MONEV_WRITE_SCHEMA").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/evaluasi.schema.json");
        std::fs::write(path, &generated).unwrap();
    }
    assert!(
        generated == monev_report::SCHEMA,
        "schema/evaluasi.schema.json differs from the types; regenerate with MONEV_WRITE_SCHEMA=1 cargo test -p monev-report --test it schema and review the diff"
    );
}

#[test]
fn the_demo_evaluation_conforms_to_the_schema() {
    let errors = validate(&demo_json());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_validator_catches_drift() {
    let mut doc = demo_json();
    doc["layanan"]["did"]["baru"] = Value::from(1);
    doc["skm"]["keseluruhan"]["mutu"] = Value::from("E");
    doc["partisipasi"]["total"]
        .as_object_mut()
        .unwrap()
        .remove("persen");
    let errors = validate(&doc);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}
