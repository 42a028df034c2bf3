//! The JSON Schema of `evaluasi.json`, generated from the types that write
//! it (`schemars`, JSON Schema 2020-12): field docs become descriptions,
//! every number may be `null` (a figure that cannot be computed is NaN in
//! the evaluation and `null` in JSON). The committed
//! `schema/evaluasi.schema.json` is this output; a test fails when they
//! differ (regenerate with `MONEV_WRITE_SCHEMA=1 cargo test -p monev-report
//! --test it schema`).

use monev_eval::Evaluasi;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;

/// A number may be null: add "null" to every `"type": "number"`.
fn nullable_numbers(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    match obj.get_mut("type") {
        Some(Value::String(t)) if t == "number" => {
            obj.insert("type".into(), serde_json::json!(["number", "null"]));
        }
        Some(Value::Array(ts))
            if ts.iter().any(|t| t == "number") && !ts.iter().any(|t| t == "null") =>
        {
            ts.push("null".into());
        }
        _ => {}
    }
}

/// The schema, as pretty JSON with a final newline.
pub fn schema() -> String {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(nullable_numbers))
        .into_generator();
    let mut s = generator.into_root_schema_for::<Evaluasi>();
    s.insert(
        "$id".into(),
        "https://monev.example/schema/evaluasi.schema.json".into(),
    );
    s.insert(
        "title".into(),
        "evaluasi.json — hasil evaluasi monev (monev evaluation output)".into(),
    );
    s.insert(
        "description".into(),
        "Every figure unrounded; a value that cannot be computed (no data, zero variance) is null. Percentages are 0–100. Field names are the Indonesian terms of the field (GLOSSARY.md).".into(),
    );
    let mut out = serde_json::to_string_pretty(&s).expect("a schema serialises");
    out.push('\n');
    out
}
