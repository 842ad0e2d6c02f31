//! Errors of the use cases, shaped so each edge can tell the person what to do.

use podpora_core::ValidationError;
use podpora_store::StoreError;

/// Why a use case did not happen. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is invalid; every bad field is listed.
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationError),
    /// The thing addressed does not exist (or is not visible to the caller).
    #[error("{0} not found")]
    NotFound(String),
    /// No valid credentials.
    #[error("authentication required: {0}")]
    Unauthorized(String),
    /// Credentials are valid but do not allow this.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// The change clashes with existing data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database failed.
    #[error(transparent)]
    Store(StoreError),
    /// Storing a file failed.
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound("record".into()),
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::ForeignKey(_) => AppError::Conflict(
                "a record this change refers to was removed meanwhile; reload and try again".into(),
            ),
            e => AppError::Store(e),
        }
    }
}

impl AppError {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(ValidationError::field(field, message))
    }
}

/// Maps "not found" to a named thing, leaving other errors as they are.
pub(crate) trait NotFoundAs<T> {
    fn not_found(self, what: impl FnOnce() -> String) -> Result<T, AppError>;
}

impl<T> NotFoundAs<T> for Result<T, StoreError> {
    fn not_found(self, what: impl FnOnce() -> String) -> Result<T, AppError> {
        match self {
            Ok(v) => Ok(v),
            Err(StoreError::NotFound) => Err(AppError::NotFound(what())),
            Err(e) => Err(e.into()),
        }
    }
}

/// Maps "not found" to a field error (a reference in the input that does not exist).
pub(crate) trait MissingRef<T> {
    fn missing_ref(self, field: &str, what: &str, id: i64) -> Result<T, AppError>;
}

impl<T> MissingRef<T> for Result<T, StoreError> {
    fn missing_ref(self, field: &str, what: &str, id: i64) -> Result<T, AppError> {
        match self {
            Ok(v) => Ok(v),
            Err(StoreError::NotFound) => Err(AppError::field(
                field,
                format!("there is no {what} with id {id}; list them with GET /api/v1/{what}s"),
            )),
            Err(e) => Err(e.into()),
        }
    }
}
