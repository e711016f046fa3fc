//! Ids: what an app or rule id may look like, for the dataset, the rules and both front ends.

/// True for a kebab-case id (rules and apps alike): lowercase ASCII letters, digits and single
/// dashes, neither first nor last.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The longest app id the dataset accepts.
pub const MAX_APP_ID: usize = 64;

/// True for a valid app id: an [`is_id`] of at most [`MAX_APP_ID`] bytes.
pub fn is_app_id(id: &str) -> bool {
    id.len() <= MAX_APP_ID && is_id(id)
}
