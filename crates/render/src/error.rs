//! Why building a renderer or rendering a mail failed.

use std::fmt;

/// What went wrong, naming the file and, where known, the line.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not parse, or fails when rendered (unknown variable, unknown message, bad filter).
    #[error("{file}{line}: template error: {message}", line = LineSuffix(*line))]
    Template {
        /// The operator's file, or the built-in template's name.
        file: String,
        /// The 1-based line, when the template engine knows it.
        line: Option<usize>,
        /// What the template engine reported.
        message: String,
    },
    /// A Fluent message file does not parse, or one of its messages cannot be formatted.
    #[error("{file}{line}: message error: {message}", line = LineSuffix(*line))]
    Messages {
        /// The operator's `.ftl` file, or the built-in one's name.
        file: String,
        /// The 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A file in the override directory cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The override directory holds a file that would be silently ignored (often a typo in its name).
    #[error("{path}: {reason}")]
    UnexpectedFile {
        /// The file or directory.
        path: String,
        /// Why it is not used, and what is expected instead.
        reason: String,
    },
}

/// Formats ", line N" when the line is known.
struct LineSuffix(Option<usize>);

impl fmt::Display for LineSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ", line {line}"),
            None => Ok(()),
        }
    }
}
