//! One form template for every configuration record: fields described as data, the posted
//! values kept as typed, and a use case's refusal put next to the field it names.

use crate::AppState;
use crate::pages::desk::guard::refused;
use crate::pages::layout::{Page, csrf_refused, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::AppError;
use podpora_core::Language;
use serde::Serialize;

/// One choice of a select or of a group of checkboxes.
#[derive(Serialize, Clone)]
pub struct Choice {
    /// The value posted.
    pub value: String,
    /// What the agent reads.
    pub label: String,
}

impl Choice {
    /// A choice whose label is its value.
    pub fn plain(value: impl Into<String>) -> Self {
        let value = value.into();
        Self {
            label: value.clone(),
            value,
        }
    }
}

/// How a field is shown.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One line of text.
    Text,
    /// An e-mail address.
    Email,
    /// A new password.
    Password,
    /// Several lines.
    Textarea,
    /// One of `options`.
    Select,
    /// Any of `options`.
    Checks,
}

/// One field of a form.
#[derive(Serialize)]
pub struct Field {
    /// The posted name, also the name the use case's errors use.
    pub name: &'static str,
    /// Its label.
    pub label: String,
    /// How it is shown.
    pub kind: Kind,
    /// The value shown (for text, textarea and select).
    pub value: String,
    /// The values ticked (for checks).
    pub values: Vec<String>,
    /// The choices of a select or a group of checks.
    pub options: Vec<Choice>,
    /// The use case's refusal for this field.
    pub error: Option<String>,
    /// A line of help under the label.
    pub hint: Option<String>,
    /// Whether it must be filled in.
    pub required: bool,
}

impl Field {
    /// A field labelled by `desk-cfg-field-{name}`, with `value`.
    pub fn new(
        state: &AppState,
        lang: Language,
        name: &'static str,
        kind: Kind,
        value: &str,
    ) -> Self {
        Self {
            name,
            label: tr(
                state,
                lang,
                &format!("desk-cfg-field-{}", name.replace('_', "-")),
                &[],
            ),
            kind,
            value: value.to_string(),
            values: Vec::new(),
            options: Vec::new(),
            error: None,
            hint: None,
            required: false,
        }
    }

    /// Marks the field required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Gives the field choices.
    pub fn options(mut self, options: Vec<Choice>) -> Self {
        self.options = options;
        self
    }

    /// Ticks `values` (for checks).
    pub fn ticked(mut self, values: Vec<String>) -> Self {
        self.values = values;
        self
    }

    /// Adds the hint `desk-cfg-hint-{name}`.
    pub fn hint(mut self, state: &AppState, lang: Language) -> Self {
        self.hint = Some(tr(
            state,
            lang,
            &format!("desk-cfg-hint-{}", self.name.replace('_', "-")),
            &[],
        ));
        self
    }
}

/// A form page's variables.
#[derive(Serialize)]
pub struct FormView {
    /// Where it posts.
    pub action: String,
    /// Where "back" leads.
    pub back: String,
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// Refusals that name no field of the form.
    pub errors: Vec<String>,
}

impl FormView {
    /// A form posting to `action`, with "back" to `back`.
    pub fn new(action: impl Into<String>, back: impl Into<String>, fields: Vec<Field>) -> Self {
        Self {
            action: action.into(),
            back: back.into(),
            fields,
            errors: Vec::new(),
        }
    }

    /// Puts each of the use case's field errors next to its field (`emails[1]` next to
    /// `emails`); an error for no field of the form goes above it.
    pub fn refused(&mut self, e: &podpora_core::ValidationError) {
        for fe in &e.errors {
            let base = fe.field.split(['[', '.']).next().unwrap_or_default();
            match self.fields.iter_mut().find(|f| f.name == base) {
                Some(f) => {
                    f.error = Some(match f.error.take() {
                        Some(before) => format!("{before} {}", fe.message),
                        None => fe.message.clone(),
                    })
                }
                None => self.errors.push(format!("{}: {}", fe.field, fe.message)),
            }
        }
    }

    /// Renders the form with `title`.
    pub fn render(
        &self,
        state: &AppState,
        v: &Visitor,
        title: String,
        status: StatusCode,
    ) -> Response {
        Page {
            template: "desk/config/form",
            title,
            notice: None,
            view: self,
            status,
        }
        .render(state, v)
    }
}

/// A posted form: every name with its values, in order (checkboxes repeat a name).
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The value of `name`, `None` when blank.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// The lines of `name`, blank ones left out.
    pub fn lines(&self, name: &str) -> Vec<String> {
        self.get(name)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// Whether the form's CSRF token matches the visitor's.
    pub fn csrf_ok(&self, v: &Visitor) -> bool {
        v.csrf_ok(self.get("csrf"))
    }
}

/// An id posted in a select: none when blank; a value that is no number is kept as `-1`, so
/// the use case refuses it as a missing record next to the field.
pub fn id_of(s: &str) -> Option<i64> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.parse().unwrap_or(-1))
}

/// What a posted form ends in: the use case's answer turned into a page.
pub fn outcome<T>(
    state: &AppState,
    v: &Visitor,
    result: Result<T, AppError>,
    mut form: FormView,
    title: String,
    done: impl FnOnce(T) -> String,
) -> Response {
    match result {
        Ok(t) => Redirect::to(&done(t)).into_response(),
        Err(AppError::Validation(e)) => {
            form.refused(&e);
            form.render(state, v, title, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(AppError::Conflict(m)) => {
            form.errors.push(m);
            form.render(state, v, title, StatusCode::CONFLICT)
        }
        Err(AppError::Forbidden(_)) => refused(state, v),
        Err(AppError::NotFound(_)) => not_found(state, v),
        Err(e) => failed(state, v, &e),
    }
}

/// The answer for a form whose token does not match, or `None` to go on.
pub fn check_csrf(state: &AppState, v: &Visitor, p: &Posted) -> Option<Response> {
    (!p.csrf_ok(v)).then(|| csrf_refused(state, v))
}

/// The four languages as choices, with "by default" first when `default_key` is given.
pub fn languages(state: &AppState, lang: Language, default_key: Option<&str>) -> Vec<Choice> {
    let mut out: Vec<Choice> = default_key
        .map(|k| Choice {
            value: String::new(),
            label: tr(state, lang, k, &[]),
        })
        .into_iter()
        .collect();
    out.extend(
        crate::pages::language::names()
            .into_iter()
            .map(|(l, name)| Choice {
                value: l.as_str().into(),
                label: name.into(),
            }),
    );
    out
}
