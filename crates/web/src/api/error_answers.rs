//! Every error answer an operation can give, in the OpenAPI document.
//!
//! The answers below come from the shared extractors and the use cases' errors, not from each
//! handler, so they are added here by rule rather than repeated in every annotation: a bearer
//! token that is missing or unknown (401) or whose role or organization does not allow the
//! operation (403); a path that names nothing (404); a query that does not parse (400); a
//! JSON body that is malformed (400), too large (413), not JSON (415) or of the wrong shape
//! (422); a write that clashes with a concurrent change (409). Errors are RFC 9457 problem
//! documents, so their media type is `application/problem+json`.

use utoipa::openapi::{
    OpenApi, RefOr, Response, ResponseBuilder,
    content::Content,
    path::{Operation, ParameterIn},
    schema::Ref,
};

const PROBLEM: &str = "application/problem+json";

/// Adds the error answers each operation can give and files error bodies under their media type.
pub(crate) fn document(doc: &mut OpenApi) {
    for item in doc.paths.paths.values_mut() {
        let ops = [
            (false, item.get.as_mut()),
            (true, item.post.as_mut()),
            (true, item.put.as_mut()),
            (true, item.patch.as_mut()),
            (true, item.delete.as_mut()),
        ];
        for (writes, op) in ops {
            if let Some(op) = op {
                complete(op, writes);
            }
        }
    }
}

fn complete(op: &mut Operation, writes: bool) {
    // Operations that declare their own security (an empty list) are open to anyone.
    let authenticated = op.security.is_none();
    let params: Vec<ParameterIn> = op
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            RefOr::T(p) => Some(p.parameter_in.clone()),
            RefOr::Ref(_) => None,
        })
        .collect();
    let json_body = op.request_body.as_ref().is_some_and(|b| match b {
        RefOr::T(b) => b.content.contains_key("application/json"),
        RefOr::Ref(_) => true,
    });
    let has_body = op.request_body.is_some();
    let mut add = |status: &str, why: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem(why));
    };
    if authenticated {
        add(
            "401",
            "no valid token: send `Authorization: Bearer <token>` with an agent token or an organization key",
        );
        add(
            "403",
            "the token's role or organization does not allow this operation",
        );
    }
    if params.contains(&ParameterIn::Path) {
        add(
            "404",
            "nothing with this identifier is visible to the caller",
        );
    }
    if params.contains(&ParameterIn::Query) {
        add(
            "400",
            "a query parameter does not parse; the problem names it",
        );
    }
    if json_body {
        add("400", "the body is not valid JSON");
        add(
            "415",
            "the body was not sent as `Content-Type: application/json`",
        );
        add(
            "422",
            "the body does not fit the expected shape, or a field is invalid; nothing was written",
        );
    }
    if has_body {
        add("413", "the body is larger than the server accepts");
    }
    if writes && authenticated {
        add(
            "409",
            "the change clashes with existing data or with a concurrent change; nothing was written",
        );
    }
    // Error bodies declared by a handler as `body = Problem` are problem documents.
    for (status, answer) in op.responses.responses.iter_mut() {
        if status.starts_with('2') {
            continue;
        }
        if let RefOr::T(r) = answer
            && let Some(c) = r.content.shift_remove("application/json")
        {
            r.content.insert(PROBLEM.to_owned(), c);
        }
    }
}

fn problem(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM,
                Content::new(Some(Ref::from_schema_name("Problem"))),
            )
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_authenticated_operation_documents_401_and_403_and_bodies_their_errors() {
        let doc = serde_json::to_value(super::super::openapi_only()).unwrap();
        let mut checked = 0;
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let open = op.get("security").is_some();
                let answers = op["responses"].as_object().unwrap();
                if !open {
                    for s in ["401", "403"] {
                        assert!(answers.contains_key(s), "{method} {path} lacks {s}");
                    }
                    checked += 1;
                }
                if op
                    .get("requestBody")
                    .is_some_and(|b| b["content"].get("application/json").is_some())
                {
                    for s in ["400", "415", "422", "413"] {
                        assert!(answers.contains_key(s), "{method} {path} lacks {s}");
                    }
                }
                if path.contains('{') {
                    assert!(answers.contains_key("404"), "{method} {path} lacks 404");
                }
                for (s, a) in answers {
                    if !open && !s.starts_with('2') && a.get("content").is_some() {
                        assert!(
                            a["content"].get("application/problem+json").is_some(),
                            "{method} {path} {s}: errors are problem documents"
                        );
                    }
                }
            }
        }
        assert!(checked > 60, "{checked}");
    }
}
