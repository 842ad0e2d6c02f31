//! The LMTP state machine over byte sequences, without sockets.

use podpora_mailproto::lmtp::{Action, Delivery, LmtpConfig, LmtpSession, RecipientStatus};

fn session() -> LmtpSession<impl FnMut(&str) -> bool> {
    let config = LmtpConfig {
        hostname: "desk.example".into(),
        max_message_bytes: 100,
        ..LmtpConfig::default()
    };
    LmtpSession::new(config, |rcpt: &str| rcpt.ends_with("@desk.example"))
}

fn replies(actions: &[Action]) -> Vec<String> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::Reply(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn codes(actions: &[Action]) -> Vec<String> {
    replies(actions).iter().map(|r| r[..3].to_owned()).collect()
}

fn delivery(actions: &[Action]) -> Option<&Delivery> {
    actions.iter().find_map(|a| match a {
        Action::Deliver(d) => Some(d),
        _ => None,
    })
}

#[test]
fn greeting_and_lhlo_capabilities() {
    let mut s = session();
    assert_eq!(
        s.greeting(),
        Action::Reply("220 desk.example LMTP podpora ready\r\n".into())
    );
    let r = replies(&s.feed(b"LHLO client.example\r\n"));
    assert_eq!(
        r,
        vec![
            "250-desk.example\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SIZE 100\r\n"
        ]
    );
}

#[test]
fn pipelined_transaction_with_two_recipients_one_refused() {
    let mut s = session();
    let input = b"LHLO mx\r\nMAIL FROM:<Jana@Firma.SK>\r\nRCPT TO:<help@desk.example>\r\nRCPT TO:<nobody@else.example>\r\n\
RCPT TO:<Sales@Desk.Example>\r\nDATA\r\nSubject: hi\r\n\r\n..leading dot\r\n.\r\n";
    let actions = s.feed(input);
    assert_eq!(codes(&actions), ["250", "250", "250", "550", "250", "354"]);
    assert!(replies(&actions)[3].starts_with("550 5.1.1 <nobody@else.example>"));
    let d = delivery(&actions).expect("delivery after the final dot");
    assert_eq!(d.mail_from, "Jana@Firma.SK");
    assert_eq!(d.recipients, ["help@desk.example", "sales@desk.example"]);
    assert_eq!(d.data, b"Subject: hi\r\n\r\n.leading dot\r\n");

    // One reply per accepted recipient, in order.
    let after = s.delivered(&[
        RecipientStatus::Delivered,
        RecipientStatus::TryLater("database busy".into()),
    ]);
    assert_eq!(
        replies(&after),
        [
            "250 2.0.0 <help@desk.example> delivered\r\n",
            "451 4.3.0 <sales@desk.example> database busy\r\n"
        ]
    );
    // A new transaction may follow.
    assert_eq!(codes(&s.feed(b"MAIL FROM:<>\r\n")), ["250"]);
}

#[test]
fn input_split_at_every_byte_gives_the_same_result() {
    let input: &[u8] =
        b"LHLO mx\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@desk.example>\r\nDATA\r\nline 1\r\n.\r\n";
    let mut s = session();
    let mut all = Vec::new();
    for byte in input {
        all.extend(s.feed(std::slice::from_ref(byte)));
    }
    assert_eq!(codes(&all), ["250", "250", "250", "354"]);
    assert_eq!(
        delivery(&all).map(|d| d.data.as_slice()),
        Some(&b"line 1\r\n"[..])
    );
}

#[test]
fn commands_after_the_final_dot_wait_for_the_delivery_outcome() {
    let mut s = session();
    let actions = s.feed(b"LHLO mx\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@desk.example>\r\nDATA\r\nbody\r\n.\r\nQUIT\r\n");
    assert!(delivery(&actions).is_some());
    assert!(
        !codes(&actions).contains(&"221".to_owned()),
        "QUIT answered before the delivery outcome"
    );
    let after = s.delivered(&[RecipientStatus::Rejected(
        "message refused: MIME parts nest too deep".into(),
    )]);
    assert_eq!(codes(&after), ["554", "221"]);
    assert_eq!(after.last(), Some(&Action::Close));
    assert!(s.is_closed());
    assert!(s.feed(b"NOOP\r\n").is_empty());
}

#[test]
fn missing_statuses_count_as_temporary_failures() {
    let mut s = session();
    s.feed(b"LHLO mx\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@desk.example>\r\nRCPT TO:<y@desk.example>\r\nDATA\r\nb\r\n.\r\n");
    assert_eq!(
        codes(&s.delivered(&[RecipientStatus::Delivered])),
        ["250", "451"]
    );
    assert!(s.delivered(&[]).is_empty(), "no delivery pending");
}

#[test]
fn dot_stuffing_and_bare_line_feeds() {
    let mut s = session();
    let actions =
        s.feed(b"LHLO mx\nMAIL FROM:<a@b.c>\nRCPT TO:<x@desk.example>\nDATA\n..\n...x\n.y\n.\n");
    assert_eq!(
        delivery(&actions).map(|d| d.data.as_slice()),
        Some(&b".\n..x\ny\n"[..])
    );
}

#[test]
fn oversize_message_is_refused_per_recipient_and_the_session_continues() {
    let mut s = session();
    let mut input = b"LHLO mx\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@desk.example>\r\nRCPT TO:<y@desk.example>\r\nDATA\r\n".to_vec();
    for _ in 0..20 {
        input.extend_from_slice(b"0123456789\r\n");
    }
    input.extend_from_slice(b".\r\nNOOP\r\n");
    let actions = s.feed(&input);
    assert!(delivery(&actions).is_none());
    assert_eq!(
        codes(&actions),
        ["250", "250", "250", "250", "354", "552", "552", "250"]
    );
    assert!(replies(&actions)[5].starts_with("552 5.3.4"));
}

#[test]
fn declared_size_over_the_limit_is_refused_at_mail_from() {
    let mut s = session();
    let actions = s.feed(b"LHLO mx\r\nMAIL FROM:<a@b.c> SIZE=1000\r\n");
    assert_eq!(codes(&actions), ["250", "552"]);
}

#[test]
fn out_of_order_and_refused_commands() {
    let mut s = session();
    let actions = s.feed(b"MAIL FROM:<a@b.c>\r\nHELO mx\r\nEHLO mx\r\nLHLO mx\r\nRCPT TO:<x@desk.example>\r\nDATA\r\n\
MAIL FROM:<a@b.c>\r\nMAIL FROM:<a@b.c>\r\nDATA\r\nSTARTTLS\r\nFOO\r\nRSET\r\nNOOP\r\nQUIT\r\n");
    assert_eq!(
        codes(&actions),
        [
            "503", "500", "500", "250", "503", "503", "250", "503", "503", "502", "500", "250",
            "250", "221"
        ]
    );
    assert!(replies(&actions)[1].contains("LHLO"));
    assert_eq!(actions.last(), Some(&Action::Close));
}

#[test]
fn over_long_command_line_is_refused_and_skipped() {
    let mut s = session();
    let mut input = b"LHLO mx\r\nNOOP ".to_vec();
    input.extend(std::iter::repeat_n(b'x', 10_000));
    input.extend_from_slice(b"\r\nNOOP\r\n");
    let actions = s.feed(&input);
    assert_eq!(codes(&actions), ["250", "500", "250"]);
    assert!(replies(&actions)[1].contains("too long"));
}

#[test]
fn too_many_errors_close_the_connection() {
    let mut s = session();
    let actions = s.feed(&b"BOGUS\r\n".repeat(25));
    assert_eq!(codes(&actions).iter().filter(|c| *c == "500").count(), 20);
    assert_eq!(codes(&actions).last().map(String::as_str), Some("421"));
    assert_eq!(actions.last(), Some(&Action::Close));
}

#[test]
fn syntax_errors_name_the_expected_form() {
    let mut s = session();
    let actions = s.feed(b"LHLO mx\r\nMAIL FROM a@b.c\r\n");
    let r = replies(&actions);
    assert!(r[1].starts_with("501"), "{r:?}");
}
