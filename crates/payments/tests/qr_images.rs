//! Each payment QR code, rendered as a PNG, is decoded back from the image and its fields are
//! compared with the request (PAY by square: base32hex and LZMA undone as well).

use podpora_billing::{Currency, Money};
use podpora_payments::{QrStandard, bysquare, epc, examples, qr, qr_standard, spayd};

/// The text of the one QR code found in a PNG.
fn read_back(png_bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("a readable QR code").1
}

#[test]
fn pay_by_square_image_decodes_to_the_request() {
    let request = examples::prepayment_sk();
    let standard = qr_standard("SK", request.amount.currency()).unwrap();
    let text = read_back(&qr::request_png(standard, &request).unwrap());
    let f = bysquare::decode(&text).unwrap();
    assert_eq!(f.amount, "246");
    assert_eq!(f.currency, "EUR");
    assert_eq!(f.due_date, "20261211");
    assert_eq!(f.variable_symbol, "4711");
    assert_eq!(f.iban, "SK3112000000198742637541");
    assert_eq!(f.bic, "TATRSKBX");
    assert_eq!(f.beneficiary, "Servis Novak s.r.o.");
    assert_eq!(f.note, "Zaloha za zasah 4711");
}

#[test]
fn spayd_image_decodes_to_the_request() {
    let request = examples::prepayment_cz();
    let standard = qr_standard("CZ", Currency::CZK).unwrap();
    assert_eq!(standard, QrStandard::Spayd);
    let text = read_back(&qr::request_png(standard, &request).unwrap());
    let f = spayd::parse(&text).unwrap();
    assert_eq!(f["ACC"], "CZ6508000000192000145399+GIBACZPX");
    assert_eq!(f["AM"], "6050.00");
    assert_eq!(f["CC"], "CZK");
    assert_eq!(f["DT"], "20261211");
    assert_eq!(f["X-VS"], "2026015");
    assert_eq!(f["MSG"], "ZALOHA ZA ZASAH 815");
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b" $%*+-./:".contains(&b))
    );
}

#[test]
fn epc_image_decodes_to_the_request() {
    let mut request = examples::prepayment_sk();
    request.beneficiary.iban = podpora_payments::Iban::parse("AT611904300234573201").unwrap();
    request.reference = Some("RF18539007547034".into());
    let standard = qr_standard("AT", Currency::EUR).unwrap();
    assert_eq!(standard, QrStandard::Epc);
    let text = read_back(&qr::request_png(standard, &request).unwrap());
    let f = epc::parse(&text).unwrap();
    assert_eq!(f.iban, "AT611904300234573201");
    assert_eq!(f.amount, "EUR246.00");
    assert_eq!(f.name, "Servis Novák s.r.o.");
    assert_eq!(f.reference, "RF18539007547034");
    assert_eq!(
        f.remittance, "",
        "structured and free references exclude each other"
    );
    assert!(text.len() <= 331, "EPC codes carry at most 331 bytes");
}

#[test]
fn a_polish_transfer_has_a_title_and_no_code() {
    let mut request = examples::prepayment_sk();
    request.amount = Money::from_minor(123_456, Currency::PLN);
    request.reference = Some("FV/2026/12/0007".into());
    request.variable_symbol = None;
    request.message = "Zaliczka, zgłoszenie 815".into();
    assert_eq!(qr_standard("PL", Currency::PLN), None);
    assert_eq!(
        request.transfer_title(),
        "FV/2026/12/0007 Zaliczka, zgloszenie 815"
    );
    assert!(matches!(
        epc::encode(&request),
        Err(epc::EpcError::NotEuro(Currency::PLN))
    ));
}
