//! The JSON Schema of data files, so editors can validate and complete them.

use crate::model::AppRecord;

/// The JSON Schema of one app record, pretty-printed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(AppRecord);
    crate::encode::json(&schema)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_describes_records_and_the_not_documented_value() {
        let schema = super::json_schema();
        assert!(schema.contains("\"AppRecord\""));
        assert!(schema.contains("not-documented"));
        assert!(schema.contains("\"additionalProperties\": false"));
    }
}
