//! Prints every sample mail in one language, with the operator's overrides if a directory is given:
//! `cargo run -p podpora-render --example preview -- sk [override-dir]`.

use podpora_core::Language;
use podpora_render::{MailTemplate, Renderer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let lang: Language = args.next().unwrap_or_else(|| "en".to_string()).parse()?;
    let renderer = match args.next() {
        Some(dir) => Renderer::with_overrides(std::path::Path::new(&dir))?,
        None => Renderer::new()?,
    };
    for sample in MailTemplate::samples() {
        let mail = renderer.mail(&sample, lang)?;
        println!("===== {} =====", sample.name());
        println!(
            "Subject: {}\n\n{}\n----- html -----\n{}",
            mail.subject, mail.text, mail.html
        );
    }
    Ok(())
}
