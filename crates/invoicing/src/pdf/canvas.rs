//! Drawing on A4 pages: text in the embedded font, measured for right alignment and wrapping,
//! rules, and images; a new page when the current one is full.

use super::PdfError;
use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::page::{Page, PageSettings};
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use std::sync::OnceLock;

/// DejaVu Sans 2.37: Latin with Extended-A (č ř ž ł ő), Greek and Cyrillic; its licence is
/// beside it.
static FONT_FILE: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

/// A4 in points.
pub(super) const WIDTH: f32 = 595.0;
pub(super) const HEIGHT: f32 = 842.0;
pub(super) const MARGIN: f32 = 42.0;
/// Where text stops on a page before the next one starts.
const BOTTOM: f32 = HEIGHT - 56.0;

/// The font and the advance of each character, read once per process.
struct Typeface {
    font: Font,
    /// Advance widths in font units of U+0000..U+0250 (Latin, Latin-1, Extended-A and -B).
    latin: Vec<u16>,
    /// Font units in an em.
    units_per_em: f32,
}

fn typeface() -> Result<&'static Typeface, PdfError> {
    static FACE: OnceLock<Option<Typeface>> = OnceLock::new();
    FACE.get_or_init(|| {
        let font = Font::new(FONT_FILE.into(), 0)?;
        let face = skrifa::FontRef::new(FONT_FILE).ok()?;
        let map = face.charmap();
        let metrics = face.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let latin = (0u32..0x250)
            .map(|c| {
                char::from_u32(c)
                    .and_then(|c| map.map(c))
                    .and_then(|g| metrics.advance_width(g))
                    .map_or(0, |w| w as u16)
            })
            .collect();
        let units_per_em = f32::from(
            face.metrics(
                skrifa::instance::Size::unscaled(),
                skrifa::instance::LocationRef::default(),
            )
            .units_per_em,
        );
        Some(Typeface {
            font,
            latin,
            units_per_em,
        })
    })
    .as_ref()
    .ok_or(PdfError::Font)
}

impl Typeface {
    /// The width of `text` at `size` points (kerning aside).
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.latin
                    .get(c as usize)
                    .copied()
                    .map_or_else(|| self.other(c), u32::from)
            })
            .sum();
        units as f32 * size / self.units_per_em
    }

    fn other(&self, c: char) -> u32 {
        let Ok(face) = skrifa::FontRef::new(FONT_FILE) else {
            return 0;
        };
        let metrics = face.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        face.charmap()
            .map(c)
            .and_then(|g| metrics.advance_width(g))
            .map_or(0, |w| w as u32)
    }
}

/// A grey for captions and rules.
pub(super) const GREY: u8 = 100;

/// The document being drawn and the current page's cursor.
pub(super) struct Canvas {
    doc: Document,
    face: &'static Typeface,
    /// Commands of the current page, replayed when it is finished: krilla's page borrows the
    /// document, so the page is drawn in one go.
    ops: Vec<Op>,
    pages: Vec<Vec<Op>>,
    /// The top of the next line on the current page.
    pub y: f32,
}

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        grey: u8,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
    Image {
        x: f32,
        y: f32,
        side: f32,
        image: Image,
    },
}

impl Canvas {
    /// A document with one empty page.
    pub fn new() -> Result<Self, PdfError> {
        Ok(Self {
            doc: Document::new(),
            face: typeface()?,
            ops: Vec::new(),
            pages: Vec::new(),
            y: MARGIN,
        })
    }

    /// The width of `text` at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.face.width(text, size)
    }

    /// Text whose baseline is `size` below `y`, starting at `x`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.text_grey(x, y, size, 0, text);
    }

    /// Like [`Canvas::text`], in a grey (0 black, 255 white).
    pub fn text_grey(&mut self, x: f32, y: f32, size: f32, grey: u8, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::Text {
            x,
            y: y + size,
            size,
            grey,
            text: text.to_string(),
        });
    }

    /// Text ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, size: f32, text: &str) {
        let w = self.width(text, size);
        self.text(right - w, y, size, text);
    }

    /// `text` broken into lines no wider than `width`, at word boundaries (a word longer than a
    /// line is broken where it must be).
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut rest = word.to_string();
                while self.width(&rest, size) > width {
                    let mut cut = String::new();
                    for c in rest.chars() {
                        if self.width(&format!("{cut}{c}"), size) > width && !cut.is_empty() {
                            break;
                        }
                        cut.push(c);
                    }
                    rest = rest[cut.len()..].to_string();
                    lines.push(cut);
                }
                line = rest;
            }
            if !line.is_empty() || lines.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// A horizontal rule at `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        self.ops.push(Op::Rule { x1, x2, y, width });
    }

    /// A square image (the QR code) with its top left corner at (`x`, `y`).
    pub fn image(&mut self, x: f32, y: f32, side: f32, png: &[u8]) -> Result<(), PdfError> {
        let image = Image::from_png(png.to_vec().into(), false).map_err(PdfError::Image)?;
        self.ops.push(Op::Image { x, y, side, image });
        Ok(())
    }

    /// Whether `height` more points fit on this page; if not, a new page is started.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(std::mem::take(&mut self.ops));
            self.y = MARGIN;
        }
    }

    /// The PDF, with `footer(page, pages)` at the bottom of every page.
    pub fn finish(
        mut self,
        title: &str,
        language: &str,
        footer: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>, PdfError> {
        self.pages.push(std::mem::take(&mut self.ops));
        let count = self.pages.len();
        let font = self.face.font.clone();
        for (i, mut ops) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            let text = footer(i + 1, count);
            let w = self.face.width(&text, 7.5);
            ops.push(Op::Text {
                x: WIDTH - MARGIN - w,
                y: HEIGHT - 30.0,
                size: 7.5,
                grey: GREY,
                text,
            });
            let settings = PageSettings::new(Size::from_wh(WIDTH, HEIGHT).ok_or(PdfError::Layout)?);
            let mut page = self.doc.start_page_with(settings);
            draw(&mut page, &font, ops)?;
            page.finish();
        }
        self.doc.set_metadata(
            krilla::metadata::Metadata::new()
                .title(title.to_string())
                .language(language.to_string()),
        );
        self.doc
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))
    }
}

fn draw(page: &mut Page<'_>, font: &Font, ops: Vec<Op>) -> Result<(), PdfError> {
    let mut surface = page.surface();
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                grey,
                text,
            } => {
                surface.set_fill(Some(Fill {
                    paint: luma::Color::new(grey).into(),
                    ..Fill::default()
                }));
                surface.draw_text(
                    Point::from_xy(x, y),
                    font.clone(),
                    size,
                    &text,
                    false,
                    TextDirection::Auto,
                );
            }
            Op::Rule { x1, x2, y, width } => {
                let mut pb = PathBuilder::new();
                pb.move_to(x1, y);
                pb.line_to(x2, y);
                let path = pb.finish().ok_or(PdfError::Layout)?;
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: luma::Color::new(GREY).into(),
                    width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
            Op::Image { x, y, side, image } => {
                surface.push_transform(&Transform::from_translate(x, y));
                surface.draw_image(image, Size::from_wh(side, side).ok_or(PdfError::Layout)?);
                surface.pop();
            }
        }
    }
    surface.finish();
    Ok(())
}
