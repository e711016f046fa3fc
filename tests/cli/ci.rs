//! CI features.
