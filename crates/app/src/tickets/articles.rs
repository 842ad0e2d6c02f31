//! Adding articles: replies, notes and customer messages, with files.

use super::*;

/// Adds an article (reply, note, customer message) with files.
pub async fn add_article(
    app: &App,
    actor: &Actor,
    number: &str,
    input: NewArticle,
) -> Result<Article> {
    actor.require(Permission::WriteTickets)?;
    let number = merged_target(app, parse_number(number)?).await?;
    let mut v = ValidationError::new();
    let kind = match (actor, input.kind.as_deref()) {
        (Actor::Organization { .. } | Actor::Customer(_), None | Some("portal_message")) => {
            Some(ArticleKind::PortalMessage)
        }
        (Actor::Organization { .. } | Actor::Customer(_), Some(_)) => {
            v.push(
                "kind",
                "an organization key writes portal_message articles only",
            );
            None
        }
        (_, None) => Some(ArticleKind::PublicReply),
        (_, Some(k)) => v.check("kind", k.parse::<ArticleKind>()),
    };
    if input.body.trim().is_empty() {
        v.push("body", "must not be empty");
    } else if let Err(e) = text::check_max_chars(&input.body, DESCRIPTION_MAX_CHARS) {
        v.push("body", e);
    }
    let uploads = decode_uploads(&mut v, &input.attachments, app.config.attachment_max_bytes);
    v.into_result()?;
    let Some(kind) = kind else {
        unreachable!("validation passed")
    };
    // Only a request that may write to this ticket stores its files: a refusal leaves nothing
    // on disk. Checked on a read snapshot first so the writer is not held while files are written.
    {
        let mut tx = app.db.read().await?;
        let t = repo::tickets::get_by_number(&mut tx, number.as_str())
            .await
            .not_found(|| format!("ticket {number}"))?;
        ensure_visible(&mut tx, actor, &t).await?;
    }
    // A public reply carries its files to the customer's mailbox too.
    let mail_files: Vec<crate::outbox::MailFile> = if kind == ArticleKind::PublicReply {
        uploads
            .iter()
            .map(|u| crate::outbox::MailFile {
                filename: u.filename.clone(),
                content_type: u.content_type.clone(),
                bytes: u.bytes.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let files = store_uploads(app, uploads).await?;
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let mut t = repo::tickets::get_for_update(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &t).await?;
    let (author_agent_id, author_contact_id, author_name) = match actor {
        Actor::Agent(a) => (Some(a.id), None, a.name.clone()),
        Actor::Organization { .. } | Actor::Customer(_) => {
            // A signed-in contact writes as themselves; a key or an organization account
            // writes for the request's contact.
            let author = match actor {
                Actor::Customer(c) => c.contact_id.or(t.requester_id),
                _ => t.requester_id,
            };
            let name = match author {
                Some(id) => repo::customers::get_contact(&mut tx, id).await?.name,
                None => "customer".into(),
            };
            (None, author, name)
        }
        Actor::Cli => (None, None, "command line".into()),
        Actor::System => (None, None, "podpora".into()),
    };
    let article = insert_article(
        &mut tx,
        ArticleRow {
            id: 0,
            ticket_id: t.id,
            kind,
            author_agent_id,
            author_contact_id,
            author_name,
            body_text: input.body,
            body_html: sanitize_html(input.body_html.as_deref()),
            message_id: None,
            created_at: now,
        },
        files,
    )
    .await?;
    let mut changes = vec![("article", None, Some(format!("{kind} #{}", article.id)))];
    // A customer's message resumes or reopens the ticket exactly as a mail reply does; a call
    // from the customer, entered by staff as a phone note, is the customer's message by phone.
    let mut reason = None;
    let channel = match (actor, kind) {
        (Actor::Organization { .. }, _) => Some(Channel::Api),
        (Actor::Customer(_), _) => Some(Channel::Portal),
        (Actor::Agent(_), ArticleKind::PhoneNote) => Some(Channel::Phone),
        _ => None,
    };
    if let Some(channel) = channel {
        let (change, why) =
            lifecycle::on_customer_message(app, &mut tx, &mut t, channel, now).await?;
        changes.extend(change);
        reason = why;
    }
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        changes,
        reason.as_deref(),
    )
    .await?;
    if kind == ArticleKind::PublicReply && matches!(actor, Actor::Agent(_)) {
        crate::sla::mark_met(&mut tx, t.id, "first_answer", now).await?;
    }
    if kind == ArticleKind::PublicReply {
        crate::outbox::queue_agent_reply(
            app,
            &mut tx,
            &t,
            article.id,
            &article.author_name,
            &article.body,
            &mail_files,
            now,
        )
        .await?;
    }
    t.updated_at = now;
    repo::tickets::update(&mut tx, &t).await?;
    tx.commit().await?;
    if kind == ArticleKind::PublicReply {
        app.outbox_wakeup.notify_one();
    }
    Ok(article)
}

/// The ticket an article for `number` is written to: the ticket itself, or the one it was
/// merged into, so a message on a merged request's page or thread is not lost on a closed one.
async fn merged_target(app: &App, number: TicketNumber) -> Result<TicketNumber> {
    let mut tx = app.db.read().await?;
    let row = match repo::tickets::get_by_number(&mut tx, number.as_str()).await {
        Ok(r) => r,
        Err(podpora_store::StoreError::NotFound) => return Ok(number),
        Err(e) => return Err(e.into()),
    };
    let target = super::follow_merges(&mut tx, row).await?;
    Ok(TicketNumber::parse(&target.number).unwrap_or(number))
}
