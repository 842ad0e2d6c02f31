//! The article editor: metadata and audience, a text per language with its versions, and
//! restoring an earlier version.

use super::*;
#[derive(Serialize)]
struct VersionRow {
    version: i64,
    title: String,
    when: String,
    note: String,
    current: bool,
}

#[derive(Serialize)]
struct TextForm {
    language: &'static str,
    language_name: String,
    exists: bool,
    title: String,
    body: String,
    body_html: String,
    published: bool,
    version: i64,
    versions: Vec<VersionRow>,
}

/// A plan of the catalogue in the editor's picker.
#[derive(Serialize)]
struct PlanBox {
    id: i64,
    name: String,
    checked: bool,
}

/// A file of the article in the editor.
#[derive(Serialize)]
struct FileRow {
    id: i64,
    filename: String,
    size: String,
    markdown: String,
    url: String,
    image: bool,
}

#[derive(Serialize)]
struct EditView {
    id: i64,
    category: String,
    applies_to: String,
    visibility: String,
    plans: Vec<PlanBox>,
    plans_error: Option<String>,
    visibilities: Vec<(String, String)>,
    texts: Vec<TextForm>,
    error: Option<String>,
    files: Vec<FileRow>,
    files_error: Option<String>,
    max_file: String,
}

/// What a refused form leaves on the editor: the messages, and what was typed into the
/// article's "about" form (so nothing typed is lost).
#[derive(Default)]
pub(super) struct Problems {
    pub(super) error: Option<String>,
    pub(super) plans_error: Option<String>,
    pub(super) files_error: Option<String>,
    pub(super) meta: Option<MetaDraft>,
}

/// The "about" form as posted.
pub(super) struct MetaDraft {
    category: String,
    applies_to: String,
    visibility: String,
    plan_ids: Vec<i64>,
}

impl Problems {
    fn error(msg: String) -> Self {
        Problems {
            error: Some(msg),
            ..Problems::default()
        }
    }
}

/// `GET /desk/kb/{id}`: the editor.
pub(super) async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    editor(&state, &v, &agent, id, Problems::default(), StatusCode::OK).await
}

pub(super) async fn editor(
    state: &AppState,
    v: &Visitor,
    agent: &podpora_app::desk::StaffSession,
    id: i64,
    problems: Problems,
    status: StatusCode,
) -> Response {
    let a = match kb::get(&state.app, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(state, v),
        Err(e) => return failed(state, v, &e),
    };
    let mut texts = Vec::new();
    for lang in Language::ALL {
        let t = a.translations.iter().find(|t| t.language == lang);
        let versions = match t {
            Some(t) => kb::versions(&state.app, &agent.actor, id, lang)
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|x| VersionRow {
                    current: x.version == t.version,
                    version: x.version,
                    title: x.title,
                    when: when_in(v.lang, &agent.zone, &x.changed_at),
                    note: x.note,
                })
                .collect(),
            None => Vec::new(),
        };
        texts.push(TextForm {
            language: lang.as_str(),
            language_name: tr(
                state,
                v.lang,
                &format!("web-kb-lang-{}", lang.as_str()),
                &[],
            ),
            exists: t.is_some(),
            title: t.map(|t| t.title.clone()).unwrap_or_default(),
            body: t.map(|t| t.body.clone()).unwrap_or_default(),
            body_html: t.map(|t| t.body_html.clone()).unwrap_or_default(),
            published: t.is_some_and(|t| t.published),
            version: t.map_or(0, |t| t.version),
            versions,
        });
    }
    let title = a
        .translations
        .first()
        .map(|t| t.title.clone())
        .unwrap_or_default();
    let meta = problems.meta.unwrap_or_else(|| MetaDraft {
        category: a.category.clone().unwrap_or_default(),
        applies_to: a.applies_to.clone().unwrap_or_default(),
        visibility: a.visibility.as_str().into(),
        plan_ids: a.plan_ids.clone(),
    });
    let plans = match kb::plan_choices(&state.app, &agent.actor).await {
        Ok(p) => p
            .into_iter()
            .map(|p| PlanBox {
                checked: meta.plan_ids.contains(&p.id),
                id: p.id,
                name: p.name,
            })
            .collect(),
        Err(e) => return failed(state, v, &e),
    };
    let files = match kb::files(&state.app, &agent.actor, id).await {
        Ok(f) => f
            .into_iter()
            .map(|f| FileRow {
                id: f.id,
                size: files::size(u64::try_from(f.size_bytes).unwrap_or(0)),
                filename: f.filename,
                markdown: f.markdown,
                url: f.url,
                image: f.image,
            })
            .collect(),
        Err(e) => return failed(state, v, &e),
    };
    Page {
        template: "desk/kb/edit",
        title: tr(
            state,
            v.lang,
            "desk-kb-edit-title",
            &[("title", title.into())],
        ),
        notice: None,
        view: &EditView {
            id,
            category: meta.category,
            applies_to: meta.applies_to,
            visibility: meta.visibility,
            plans,
            plans_error: problems.plans_error,
            visibilities: visibilities(state, v.lang),
            texts,
            error: problems.error,
            files,
            files_error: problems.files_error,
            max_file: files::size(state.app.config.attachment_max_bytes),
        },
        status,
    }
    .render(state, v)
}

/// The field errors of a refused change, in one line for the editor.
fn refusal(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(errs) => Some(
            errs.errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    }
}

/// `POST /desk/kb/{id}`: what the article is about and who may read it. The plans come as
/// one `plan_ids` field per ticked plan; a value that is no plan of the catalogue is refused
/// with a message beside the picker, and everything typed is shown again.
pub(super) async fn save_meta(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !v.csrf_ok(&field("csrf")) {
        return csrf_refused(&state, &v);
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let mut plan_ids = Vec::new();
    let mut bad = None;
    for (_, value) in fields.iter().filter(|(k, _)| k == "plan_ids") {
        // An older form sent the ids in one field, separated by commas.
        for part in value.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
            match part.trim().parse::<i64>() {
                Ok(n) if !plan_ids.contains(&n) => plan_ids.push(n),
                Ok(_) => {}
                Err(_) => {
                    bad = bad.or_else(|| Some(part.trim().chars().take(40).collect::<String>()))
                }
            }
        }
    }
    let draft = MetaDraft {
        category: field("category"),
        applies_to: field("applies_to"),
        visibility: parse_visibility(&field("visibility")).as_str().into(),
        plan_ids: plan_ids.clone(),
    };
    let refuse = |problems: Problems| {
        let (state, v, agent) = (&state, &v, &agent);
        async move {
            editor(
                state,
                v,
                agent,
                id,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    if let Some(value) = bad {
        let msg = tr(
            &state,
            v.lang,
            "desk-kb-plans-bad",
            &[("value", value.into())],
        );
        return refuse(Problems {
            plans_error: Some(msg),
            meta: Some(draft),
            ..Problems::default()
        })
        .await;
    }
    let meta = ArticleMeta {
        category: Some(draft.category.clone()),
        applies_to: Some(draft.applies_to.clone()),
        visibility: parse_visibility(&draft.visibility),
        plan_ids,
    };
    match kb::update(&state.app, &agent.actor, id, meta.clone()).await {
        Ok(_) => Redirect::to(&format!("/desk/kb/{id}")).into_response(),
        Err(AppError::Validation(errs)) => {
            let mut problems = Problems::default();
            let mut others = Vec::new();
            for e in &errs.errors {
                if e.field == "plan_ids" {
                    problems.plans_error = Some(tr(&state, v.lang, "desk-kb-plans-needed", &[]));
                } else if let Some(i) = e
                    .field
                    .strip_prefix("plan_ids[")
                    .and_then(|r| r.strip_suffix(']'))
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    let value = meta.plan_ids.get(i).map(i64::to_string).unwrap_or_default();
                    problems.plans_error = Some(tr(
                        &state,
                        v.lang,
                        "desk-kb-plans-bad",
                        &[("value", value.into())],
                    ));
                } else {
                    others.push(format!("{}: {}", e.field, e.message));
                }
            }
            problems.error = (!others.is_empty()).then(|| others.join("; "));
            problems.meta = Some(draft);
            refuse(problems).await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

#[derive(Deserialize)]
pub(super) struct TextPost {
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    published: Option<String>,
}

/// `POST /desk/kb/{id}/texts/{lang}`: a new version of one language, published or a draft.
pub(super) async fn save_text(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, lang)): Path<(String, String)>,
    Form(f): Form<TextPost>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let (Ok(id), Ok(lang)) = (id.parse::<i64>(), lang.parse::<Language>()) else {
        return not_found(&state, &v);
    };
    let input = TextInput {
        language: lang,
        title: f.title,
        body: f.body,
        publish: Some(f.published.is_some()),
    };
    match kb::save_text(&state.app, &agent.actor, id, lang, input).await {
        Ok(_) => Redirect::to(&format!("/desk/kb/{id}#text-{lang}")).into_response(),
        Err(e) => match refusal(&e) {
            Some(msg) => {
                editor(
                    &state,
                    &v,
                    &agent,
                    id,
                    Problems::error(msg),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            }
            None => failed(&state, &v, &e),
        },
    }
}

#[derive(Deserialize)]
pub(super) struct RestorePost {
    csrf: String,
    version: i64,
}

/// `POST /desk/kb/{id}/texts/{lang}/restore`: an earlier version becomes the current text.
pub(super) async fn restore(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, lang)): Path<(String, String)>,
    Form(f): Form<RestorePost>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let (Ok(id), Ok(lang)) = (id.parse::<i64>(), lang.parse::<Language>()) else {
        return not_found(&state, &v);
    };
    match kb::restore(&state.app, &agent.actor, id, lang, f.version).await {
        Ok(_) => Redirect::to(&format!("/desk/kb/{id}#text-{lang}")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
