fn main() {
    let path = std::env::args().nth(1).expect("path");
    let raw = std::fs::read(path).expect("read");
    match podpora_mailproto::parse(&raw, &podpora_mailproto::Limits::default()) {
        Ok(m) => {
            println!(
                "from={:?} sender={:?}\nsubject={:?}",
                m.from,
                m.sender(),
                m.subject
            );
            println!("TEXT:\n{}\n", m.text_body);
            if let Some(h) = &m.html_body {
                println!(
                    "HTML->TEXT:\n{}\n",
                    podpora_mailproto::html_to_text(&h.html)
                );
            }
            for a in &m.attachments {
                println!(
                    "att {:?} {} {} {} inline={}",
                    a.file_name,
                    a.content_type,
                    a.data.len(),
                    a.md5(),
                    a.inline
                );
                if std::env::var("DUMP_DATA").is_ok() {
                    println!("{:?}", String::from_utf8_lossy(&a.data));
                }
            }
            println!("auto={:?} bounce={:?}", m.auto_submitted, m.bounce);
        }
        Err(e) => println!("rejected: {e}"),
    }
}
