//! The QR code of a payment request, as a PNG image.

use crate::request::{PaymentRequest, QrStandard};
use crate::{bysquare, epc, spayd};
use qrcode::{Color, EcLevel, QrCode};

/// Why no QR image was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// The text does not fit a QR code.
    #[error("the payment text is too long for a QR code: {0}")]
    TooLong(String),
    /// The chosen standard refuses the request.
    #[error(transparent)]
    Epc(#[from] epc::EpcError),
    /// PNG encoding failed.
    #[error("the QR image could not be written: {0}")]
    Png(String),
}

/// The text a QR code of `standard` holds for a request.
pub fn payload(standard: QrStandard, request: &PaymentRequest) -> Result<String, QrError> {
    Ok(match standard {
        QrStandard::PayBySquare => bysquare::encode(request),
        QrStandard::Spayd => spayd::encode(request),
        QrStandard::Epc => epc::encode(request)?,
    })
}

/// A QR code of `text` as a greyscale PNG: error correction M (as SPAYD and EPC require),
/// `scale` pixels a module (1 to 32) and the 4-module quiet zone the standard asks for.
///
/// ```
/// let png = podpora_payments::qr::png("SPD*1.0*ACC:CZ6508000000192000145399*AM:1.00", 4)?;
/// assert_eq!(&png[1..4], b"PNG");
/// # Ok::<(), podpora_payments::QrError>(())
/// ```
pub fn png(text: &str, scale: u32) -> Result<Vec<u8>, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| QrError::TooLong(e.to_string()))?;
    let modules = u32::try_from(code.width()).map_err(|e| QrError::TooLong(e.to_string()))?;
    let scale = scale.clamp(1, 32);
    let side = (modules + 8) * scale;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; (side * side) as usize];
    for (i, c) in colors.iter().enumerate() {
        if *c != Color::Dark {
            continue;
        }
        let (mx, my) = (i as u32 % modules, i as u32 / modules);
        for dy in 0..scale {
            let row = ((my + 4) * scale + dy) * side;
            let start = (row + (mx + 4) * scale) as usize;
            pixels[start..start + scale as usize].fill(0);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, side, side);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let err = |e: png::EncodingError| QrError::Png(e.to_string());
    let mut w = enc.write_header().map_err(err)?;
    w.write_image_data(&pixels).map_err(err)?;
    w.finish().map_err(err)?;
    Ok(out)
}

/// The PNG QR code of a request in `standard`, 4 pixels a module.
pub fn request_png(standard: QrStandard, request: &PaymentRequest) -> Result<Vec<u8>, QrError> {
    png(&payload(standard, request)?, 4)
}
