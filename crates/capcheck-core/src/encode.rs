//! CSV and JSON text, written one way for every output of both front ends.

/// Rows as CSV (RFC 4180: a field with a comma, quote or line break is quoted), for every CSV
/// either front end writes. Writing to memory cannot fail; should the writer ever report an
/// error, the error is the text, not a silently shortened file.
pub fn csv<R: AsRef<[String]>>(records: &[R]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for record in records {
        if let Err(e) = w.write_record(record.as_ref()) {
            return format!("error writing CSV: {e}\n");
        }
    }
    match w.into_inner() {
        Ok(bytes) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => format!("error writing CSV: {e}\n"),
    }
}

/// A value as pretty JSON with a closing newline. capcheck's types always serialise; should one
/// ever fail, the output says so rather than being empty.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}
