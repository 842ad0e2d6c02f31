//! Parsing behaviour on messages built here: charsets, encoded names, flags, limits, HTML.

use podpora_mailproto::{AutoSubmitted, InboundMessage, Limits, RejectReason, parse};

fn msg(raw: &[u8]) -> InboundMessage {
    parse(raw, &Limits::default()).expect("test message parses")
}

fn join(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

#[test]
fn windows_1250_slovak_message() {
    let raw = join(&[
        b"From: =?windows-1250?Q?J=E1n_Ve=BEk=FD?= <Jan.Velky@Firma.SK>\r\n",
        b"Subject: =?windows-1250?Q?Ve=BEk=FD_probl=E9m?=\r\n",
        b"Content-Type: text/plain; charset=windows-1250\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        b"Dobr\xfd de\xf2, tla\xe8iare\xf2 je \x9da\x9ek\xe1 a \x9elt\xe1.\r\n",
    ]);
    let m = msg(&raw);
    assert_eq!(m.subject, "Veľký problém");
    let from = m.from.expect("from");
    assert_eq!(from.address, "jan.velky@firma.sk");
    assert_eq!(from.name.as_deref(), Some("Ján Veľký"));
    assert_eq!(m.text_body.trim(), "Dobrý deň, tlačiareň je ťažká a žltá.");
}

#[test]
fn iso_8859_2_czech_message_differs_from_windows_1250() {
    // 0xBE is "ž" in ISO-8859-2 but "ľ" in windows-1250: the declared charset must win.
    let raw = join(&[
        b"From: zakaznik@firma.cz\r\nSubject: =?ISO-8859-2?Q?=BElu=BBou=E8k=FD?=\r\n",
        b"Content-Type: text/plain; charset=\"iso-8859-2\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
        b"P=F8=EDli=B9 =BElu=BBou=E8k=FD k=F9=F2\r\n",
    ]);
    let m = msg(&raw);
    assert_eq!(m.subject, "žluťoučký");
    assert_eq!(m.text_body.trim(), "Příliš žluťoučký kůň");
}

#[test]
fn raw_8bit_subject_is_decoded_with_the_declared_charset() {
    let raw = join(&[
        b"From: a@b.sk\r\nSubject: Ve\xbek\xfd probl\xe9m\r\n",
        b"Content-Type: text/plain; charset=windows-1250\r\n\r\nx\r\n",
    ]);
    assert_eq!(msg(&raw).subject, "Veľký problém");
}

#[test]
fn rfc2231_and_rfc2047_file_names() {
    let raw = b"From: a@b.sk\r\nSubject: files\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
--XX\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n\
--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''fakt%C3%BAra%20%C4%8D.%2042.pdf\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQgZmFrZQ==\r\n\
--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''Objedn%C3%A1vka;\r\n filename*1*=%20%C5%A1kola.pdf\r\n\r\nx\r\n\
--XX\r\nContent-Type: text/plain; name=\"=?UTF-8?B?xb5pYWRvc8WlLnR4dA==?=\"\r\nContent-Disposition: attachment\r\n\r\nziadost\r\n\
--XX--\r\n";
    let m = msg(raw);
    let names: Vec<&str> = m.attachments.iter().map(|a| a.file_name.as_str()).collect();
    assert_eq!(
        names,
        ["faktúra č. 42.pdf", "Objednávka škola.pdf", "žiadosť.txt"]
    );
    assert_eq!(m.attachments[0].data, b"%PDF-1.4 fake");
    assert_eq!(m.attachments[0].content_type, "application/pdf");
    assert_eq!(m.attachments[2].data, b"ziadost");
    assert_eq!(m.text_body.trim(), "See attached.");
}

#[test]
fn ids_addresses_and_date() {
    let raw = b"From: \"Nov\xc3\xa1k, Jan\" <JAN@x.cz>\r\nTo: a@b.c, C <c@D.e>\r\nCc: d@e.f\r\nReply-To: <r@x.cz>\r\n\
Delivered-To: Help@Desk.example\r\nX-Original-To: sales@desk.example\r\nMessage-ID: <abc@x.cz>\r\nIn-Reply-To: <p1@desk>\r\n\
References: <r1@desk> <r2@desk>\r\n <p1@desk>\r\nDate: Tue, 3 Feb 2026 10:15:00 +0100\r\nSubject: Re: x\r\n\r\nbody\r\n";
    let m = msg(raw);
    assert_eq!(m.message_id, "abc@x.cz");
    assert!(!m.message_id_synthetic);
    assert_eq!(m.in_reply_to.as_deref(), Some("p1@desk"));
    assert_eq!(m.references, ["r1@desk", "r2@desk", "p1@desk"]);
    assert_eq!(
        m.from.as_ref().and_then(|f| f.name.as_deref()),
        Some("Novák, Jan")
    );
    assert_eq!(
        m.to.iter().map(|t| t.address.as_str()).collect::<Vec<_>>(),
        ["a@b.c", "c@d.e"]
    );
    assert_eq!(m.cc.len(), 1);
    assert_eq!(m.reply_to[0].address, "r@x.cz");
    assert_eq!(m.delivered_to, ["help@desk.example", "sales@desk.example"]);
    assert_eq!(
        m.date.map(|d| d.to_string()).as_deref(),
        Some("2026-02-03T09:15:00Z")
    );
}

#[test]
fn missing_message_id_gets_a_stable_synthetic_one() {
    let raw = b"From: a@b.c\r\nSubject: x\r\n\r\nbody\r\n";
    let (a, b) = (msg(raw), msg(raw));
    assert!(a.message_id_synthetic);
    assert_eq!(a.message_id, b.message_id);
    assert_eq!(
        a.message_id,
        format!("sha256-{}@podpora.invalid", a.content_hash)
    );
    assert_eq!(a.content_hash.len(), 64);
}

#[test]
fn html_only_message_is_sanitised_and_gets_a_text_body() {
    let raw = b"From: a@b.c\r\nSubject: x\r\nContent-Type: multipart/related; boundary=R\r\n\r\n\
--R\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>T</title></head><body onload=\"x()\">\
<div>Dobr\xc3\xbd de\xc5\x88,</div><script>alert(1)</script><img src=\"https://track.example/p.gif\"><img src=\"cid:logo@x\">\
<div>On Mon, Jana wrote:</div><blockquote>old</blockquote></body></html>\r\n\
--R\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--R--\r\n";
    let m = msg(raw);
    let html = m.html_body.expect("html body");
    assert!(
        !html.html.contains("script")
            && !html.html.contains("onload")
            && !html.html.contains("track.example")
    );
    assert!(html.html.contains("cid:logo@x"));
    assert_eq!(html.blocked_images, 1);
    assert_eq!(m.text_body, "Dobrý deň,\nOn Mon, Jana wrote:\nold");
    assert_eq!(m.quoted_reply_split.new_text, "Dobrý deň,");
    assert_eq!(m.attachments.len(), 1);
    let logo = &m.attachments[0];
    assert!(logo.inline);
    assert_eq!(logo.content_id.as_deref(), Some("logo@x"));
    assert_eq!(logo.file_name, "image.png");
}

#[test]
fn forwarded_message_is_an_eml_attachment_named_by_subject() {
    let raw = b"From: a@b.c\r\nSubject: Fwd\r\nContent-Type: multipart/mixed; boundary=M\r\n\r\n\
--M\r\nContent-Type: text/plain\r\n\r\nsee below\r\n\
--M\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y.z\r\nSubject: Fakt\xc3\xbara: marec\r\n\r\ninner body\r\n--M--\r\n";
    let m = msg(raw);
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].file_name, "Faktúra: marec.eml");
    assert_eq!(m.attachments[0].content_type, "message/rfc822");
    assert!(m.attachments[0].data.starts_with(b"From: x@y.z"));
    assert!(m.attachments[0].data.ends_with(b"inner body"));
}

#[test]
fn auto_submitted_signals() {
    type Check = fn(&AutoSubmitted) -> bool;
    let cases: &[(&str, Check)] = &[
        (
            "Auto-Submitted: auto-replied\r\n",
            |a| matches!(a, AutoSubmitted::AutoSubmittedHeader(v) if v == "auto-replied"),
        ),
        (
            "Precedence: bulk\r\n",
            |a| matches!(a, AutoSubmitted::Precedence(v) if v == "bulk"),
        ),
        ("X-Auto-Response-Suppress: All\r\n", |a| {
            matches!(a, AutoSubmitted::AutoResponseSuppress(_))
        }),
        ("X-Autoreply: yes\r\n", |a| {
            matches!(a, AutoSubmitted::XAutoreply(_))
        }),
        ("X-Autorespond: yes\r\n", |a| {
            matches!(a, AutoSubmitted::XAutoreply(_))
        }),
        ("List-Id: <news.firma.sk>\r\n", |a| {
            matches!(a, AutoSubmitted::ListId(_))
        }),
        ("Return-Path: <>\r\n", |a| {
            matches!(a, AutoSubmitted::NullReturnPath)
        }),
        ("Subject: Automatická odpoveď: Re: tlačiareň\r\n", |a| {
            matches!(a, AutoSubmitted::Subject(_))
        }),
        ("Subject: Out of Office: vacation\r\n", |a| {
            matches!(a, AutoSubmitted::Subject(_))
        }),
        ("Subject: Automatyczna odpowiedź\r\n", |a| {
            matches!(a, AutoSubmitted::Subject(_))
        }),
    ];
    for (header, check) in cases {
        let raw = format!("From: a@b.c\r\n{header}\r\nbody\r\n");
        let m = msg(raw.as_bytes());
        let flag = m
            .auto_submitted
            .as_ref()
            .unwrap_or_else(|| panic!("not flagged: {header}"));
        assert!(check(flag), "{header}: {flag:?}");
        assert!(m.is_auto_submitted());
    }
    for header in [
        "Auto-Submitted: no\r\n",
        "Precedence: first-class\r\n",
        "Subject: Re: auto parts order\r\n",
    ] {
        let raw = format!("From: a@b.c\r\n{header}\r\nbody\r\n");
        assert_eq!(msg(raw.as_bytes()).auto_submitted, None, "{header}");
    }
}

#[test]
fn delivery_status_notification_is_a_bounce() {
    let raw = b"From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nSubject: Undelivered Mail Returned to Sender\r\n\
Auto-Submitted: auto-replied\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n\
--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry.\r\n\
--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; Gone@Customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\
--B\r\nContent-Type: message/rfc822\r\n\r\nFrom: help@desk.example\r\nMessage-ID: <out-42@desk.example>\r\nSubject: x\r\n\r\nhello\r\n--B--\r\n";
    let m = msg(raw);
    let b = m.bounce.as_ref().expect("bounce");
    assert_eq!(b.status.as_deref(), Some("5.1.1"));
    assert_eq!(b.is_permanent(), Some(true));
    assert_eq!(b.recipient.as_deref(), Some("gone@customer.example"));
    assert_eq!(
        b.original_message_id.as_deref(),
        Some("out-42@desk.example")
    );
    assert!(m.is_bounce());
}

#[test]
fn plain_mailer_daemon_text_bounce() {
    let raw = b"From: MAILER-DAEMON@mx.example\r\nSubject: failure notice\r\nMessage-ID: <own@mx>\r\n\r\n\
Sorry, no mailbox here by that name.\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <out-7@desk.example>\r\nSubject: x\r\n";
    let b = msg(raw).bounce.expect("bounce");
    assert_eq!(b.original_message_id.as_deref(), Some("out-7@desk.example"));
    assert_eq!(b.status, None);

    let human =
        b"From: postmaster@firma.sk\r\nSubject: Question about your invoice\r\n\r\nHello\r\n";
    assert_eq!(msg(human).bounce, None);
}

#[test]
fn limits_refuse_hostile_input_with_a_reason() {
    let small = Limits {
        max_total_bytes: 1000,
        max_header_bytes: 200,
        max_depth: 3,
        max_parts: 10,
        max_attachment_bytes: 5,
    };
    assert_eq!(parse(b"", &small), Err(RejectReason::NotAMessage));
    assert_eq!(parse(b"\r\n\r\n", &small), Err(RejectReason::NotAMessage));
    let big = vec![b'a'; 2000];
    assert!(matches!(
        parse(&big, &small),
        Err(RejectReason::TooLarge {
            size: 2000,
            limit: 1000
        })
    ));
    let long_header = format!("Subject: {}\r\n\r\nx", "y".repeat(300));
    assert!(matches!(
        parse(long_header.as_bytes(), &small),
        Err(RejectReason::HeaderTooLarge { .. })
    ));

    let mut many = String::from("From: a@b.c\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n");
    for _ in 0..12 {
        many.push_str("--B\r\nContent-Type: text/plain\r\n\r\nx\r\n");
    }
    many.push_str("--B--\r\n");
    assert!(matches!(
        parse(
            many.as_bytes(),
            &Limits {
                max_header_bytes: 1000,
                ..small.clone()
            }
        ),
        Err(RejectReason::TooManyParts { .. })
    ));

    let mut deep = String::from("From: a@b.c\r\n");
    for i in 0..5 {
        deep.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=B{i}\r\n\r\n--B{i}\r\n"
        ));
    }
    deep.push_str("Content-Type: text/plain\r\n\r\nx\r\n");
    assert!(matches!(
        parse(
            deep.as_bytes(),
            &Limits {
                max_header_bytes: 1000,
                ..small.clone()
            }
        ),
        Err(RejectReason::TooDeep { limit: 3, .. })
    ));
}

#[test]
fn oversized_attachment_is_dropped_not_the_message() {
    let raw = b"From: a@b.c\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n\
--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
--B\r\nContent-Type: application/zip; name=big.zip\r\n\r\n0123456789\r\n\
--B\r\nContent-Type: application/zip; name=small.zip\r\n\r\n012\r\n--B--\r\n";
    let m = parse(
        raw,
        &Limits {
            max_attachment_bytes: 5,
            ..Limits::default()
        },
    )
    .expect("kept");
    assert_eq!(
        m.attachments
            .iter()
            .map(|a| a.file_name.as_str())
            .collect::<Vec<_>>(),
        ["small.zip"]
    );
    assert_eq!(m.dropped_attachments.len(), 1);
    assert_eq!(m.dropped_attachments[0].file_name, "big.zip");
    assert_eq!(m.dropped_attachments[0].size, 10);
    assert!(m.dropped_attachments[0].reason.contains("5 byte"));
}

#[test]
fn garbage_never_panics() {
    let samples: &[&[u8]] = &[
        b"\xff\xfe\x00garbage",
        b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n--\r\n",
        b"From: <<<@@@>>>\r\nSubject: =?utf-8?B?####?=\r\nDate: 99 Foo 99999 99:99:99 +9999\r\n\r\n",
        b"Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\n",
        b"Content-Transfer-Encoding: base64\r\nContent-Type: application/pdf\r\n\r\n!!!!====",
    ];
    for s in samples {
        let _ = parse(s, &Limits::default());
    }
}
