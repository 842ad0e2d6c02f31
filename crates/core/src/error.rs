//! Validation errors that name the field, what is wrong and how to fix it.

use serde::Serialize;

/// One invalid field: where it is, and a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// JSON pointer-like path of the field, e.g. `ico` or `emails[1]`.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// One or more invalid fields of one input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct ValidationError {
    /// Every field that failed, in input order.
    pub errors: Vec<FieldError>,
}

impl ValidationError {
    /// A single-field error.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            errors: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
        }
    }

    /// Collects field errors; empty means valid.
    pub fn new() -> Self {
        Self { errors: Vec::new() }
    }

    /// Adds one field error.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records the error of a parse under `field`, returning the value when it parsed.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e.to_string());
                None
            }
        }
    }

    /// `Ok(())` when nothing was recorded.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    fn summary(&self) -> String {
        self.errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl Default for ValidationError {
    fn default() -> Self {
        Self::new()
    }
}
